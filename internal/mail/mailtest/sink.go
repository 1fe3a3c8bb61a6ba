// Package mailtest is an SMTP server for tests (go-smtp): it requires STARTTLS with
// its own certificate and PLAIN sign-in, keeps every message it receives, and can be
// told to refuse recipients or fail for a while, so tests meet a real SMTP exchange.
package mailtest

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"io"
	"math/big"
	"mime"
	"mime/multipart"
	"mime/quotedprintable"
	"net"
	netmail "net/mail"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/emersion/go-sasl"
	"github.com/emersion/go-smtp"

	"stafett/internal/mail"
)

// The sink's account.
const (
	User     = "stafett"
	Password = "hemmelig"
	From     = "Stafett <varsler@stafett.test>"
)

// Mail is one message the sink received, decoded.
type Mail struct {
	From, To, Subject string
	Text, HTML        string
	// Raw is the message as it came over the wire.
	Raw string
}

// Sink is a running SMTP server.
type Sink struct {
	t      testing.TB
	srv    *smtp.Server
	addr   string
	pool   *x509.CertPool
	mu     sync.Mutex
	mails  []Mail
	refuse map[string]bool // recipients answered 550
	down   int             // this many next sessions are answered 421
}

// Start starts a sink on 127.0.0.1, stopped when the test ends.
func Start(t testing.TB) *Sink {
	t.Helper()
	cert, pool := selfSigned(t)
	s := &Sink{t: t, pool: pool, refuse: map[string]bool{}}
	s.srv = smtp.NewServer(smtp.BackendFunc(func(c *smtp.Conn) (smtp.Session, error) {
		s.mu.Lock()
		defer s.mu.Unlock()
		if s.down > 0 {
			s.down--
			return nil, &smtp.SMTPError{Code: 421, EnhancedCode: smtp.EnhancedCode{4, 3, 2}, Message: "try later"}
		}
		return &session{s: s}, nil
	}))
	s.srv.Domain = "localhost"
	s.srv.TLSConfig = &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	s.srv.ReadTimeout, s.srv.WriteTimeout = 10*time.Second, 10*time.Second
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		t.Fatal(err)
	}
	s.addr = l.Addr().String()
	go func() { _ = s.srv.Serve(l) }()
	t.Cleanup(func() { _ = s.srv.Close() })
	return s
}

// Config is a mail.Config that sends to the sink over STARTTLS with sign-in.
func (s *Sink) Config() mail.Config {
	host, port, _ := net.SplitHostPort(s.addr)
	c, err := mail.ParseConfig("smtp://"+User+":"+Password+"@"+host+":"+port, From)
	if err != nil {
		s.t.Fatal(err)
	}
	c.TLS = &tls.Config{RootCAs: s.pool, ServerName: "localhost", MinVersion: tls.VersionTLS12}
	return *c
}

// Addr is the sink's host:port.
func (s *Sink) Addr() string { return s.addr }

// Refuse makes the sink answer 550 to RCPT TO addr from now on.
func (s *Sink) Refuse(addr string) {
	s.mu.Lock()
	s.refuse[strings.ToLower(addr)] = true
	s.mu.Unlock()
}

// Down makes the next n connections fail with 421.
func (s *Sink) Down(n int) { s.mu.Lock(); s.down = n; s.mu.Unlock() }

// Mails returns the messages received so far.
func (s *Sink) Mails() []Mail {
	s.mu.Lock()
	defer s.mu.Unlock()
	return append([]Mail(nil), s.mails...)
}

type session struct {
	s      *Sink
	authed bool
	from   string
	to     []string
}

func (x *session) AuthMechanisms() []string { return []string{sasl.Plain} }

func (x *session) Auth(mech string) (sasl.Server, error) {
	return sasl.NewPlainServer(func(identity, username, password string) error {
		if username != User || password != Password {
			return errors.New("invalid credentials")
		}
		x.authed = true
		return nil
	}), nil
}

func (x *session) Mail(from string, _ *smtp.MailOptions) error {
	if !x.authed {
		return smtp.ErrAuthRequired
	}
	x.from = from
	return nil
}

func (x *session) Rcpt(to string, _ *smtp.RcptOptions) error {
	x.s.mu.Lock()
	defer x.s.mu.Unlock()
	if x.s.refuse[strings.ToLower(to)] {
		return &smtp.SMTPError{Code: 550, EnhancedCode: smtp.EnhancedCode{5, 1, 1}, Message: "no such user"}
	}
	x.to = append(x.to, to)
	return nil
}

func (x *session) Data(r io.Reader) error {
	raw, err := io.ReadAll(r)
	if err != nil {
		return err
	}
	m, err := decode(raw)
	if err != nil {
		x.s.t.Errorf("mailtest: undecodable message: %v", err)
		return err
	}
	m.From, m.To = x.from, strings.Join(x.to, ",")
	x.s.mu.Lock()
	x.s.mails = append(x.s.mails, m)
	x.s.mu.Unlock()
	return nil
}

func (x *session) Reset()        { x.from, x.to = "", nil }
func (x *session) Logout() error { return nil }

// decode reads a multipart/alternative message into its text and HTML parts.
func decode(raw []byte) (Mail, error) {
	msg, err := netmail.ReadMessage(bytes.NewReader(raw))
	if err != nil {
		return Mail{}, err
	}
	dec := new(mime.WordDecoder)
	subject, err := dec.DecodeHeader(msg.Header.Get("Subject"))
	if err != nil {
		return Mail{}, err
	}
	m := Mail{Subject: subject, Raw: string(raw)}
	mt, params, err := mime.ParseMediaType(msg.Header.Get("Content-Type"))
	if err != nil {
		return Mail{}, err
	}
	if mt != "multipart/alternative" {
		return Mail{}, errors.New("not multipart/alternative: " + mt)
	}
	mr := multipart.NewReader(msg.Body, params["boundary"])
	for {
		p, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			return Mail{}, err
		}
		var body io.Reader = p // multipart.Reader undoes quoted-printable itself
		if strings.EqualFold(p.Header.Get("Content-Transfer-Encoding"), "quoted-printable") {
			body = quotedprintable.NewReader(p)
		}
		b, err := io.ReadAll(body)
		if err != nil {
			return Mail{}, err
		}
		ct, _, _ := mime.ParseMediaType(p.Header.Get("Content-Type"))
		switch ct {
		case "text/plain":
			m.Text = string(b)
		case "text/html":
			m.HTML = string(b)
		}
	}
	if m.Text == "" || m.HTML == "" {
		return Mail{}, errors.New("a part is missing")
	}
	return m, nil
}

// selfSigned makes a certificate for localhost and a pool that trusts it.
func selfSigned(t testing.TB) (tls.Certificate, *x509.CertPool) {
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "localhost"},
		DNSNames: []string{"localhost"}, IPAddresses: []net.IP{net.IPv4(127, 0, 0, 1)},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(24 * time.Hour),
		KeyUsage: x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign, IsCA: true, BasicConstraintsValid: true,
		ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth}}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	c, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(c)
	return tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key, Leaf: c}, pool
}
