package web_test

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"io"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"regexp"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"stafett/internal/mail"
	"stafett/internal/mail/mailtest"
	"stafett/internal/store/storetest"
	"stafett/internal/web/webtest"
)

// TestNotifyKilledBeforeSend is issue 20's restart test, literally: the stafett
// binary runs as its own process on a file database; a request enqueues a mail; the
// process is killed (SIGKILL) before the mail is sent, and started again with the
// SMTP server reachable. The mail arrives exactly once, and not again after a second
// restart. In the first run the SMTP address is a listener that accepts and never
// answers, so a send that began before the kill would be seen (and would hang, not
// deliver); the worker polls every 10 s and the kill comes well inside that.
func TestNotifyKilledBeforeSend(t *testing.T) {
	if testing.Short() {
		t.Skip("builds and runs the binary")
	}
	bin := filepath.Join(t.TempDir(), "stafett")
	if out, err := exec.Command("go", "build", "-o", bin, "stafett/cmd/stafett").CombinedOutput(); err != nil {
		t.Fatalf("go build: %v\n%s", err, out)
	}
	storetest.Each(t, func(t *testing.T, dsn string) {
		h := webtest.New(t, dsn) // seeds the fixtures into the database the process will use
		x, fx := newNT(t, h), h.Fx
		id, _ := x.activeLog(h.Login(fx.EmployeeA))
		certFile := filepath.Join(t.TempDir(), "sink.pem")
		if err := os.WriteFile(certFile, x.sink.CertPEM(), 0o600); err != nil {
			t.Fatal(err)
		}
		_, sinkPort, _ := net.SplitHostPort(x.sink.Addr())

		mute := &mute{t: t}
		p := startStafett(t, bin, dsn, certFile, mute.addr())
		tok := p.login(fx.EmployeeA.Email)
		if st := p.post("/api/v1/logs/"+id+"/transfers", tok, map[string]any{"to_user_id": fx.EmployeeA2.ID}); st != http.StatusCreated {
			t.Fatalf("propose: %d", st)
		}
		p.kill()
		if n := mute.conns.Load(); n != 0 {
			t.Fatalf("the worker had begun a send (%d SMTP connections) before the kill: the machine is too slow for this test", n)
		}
		if n := len(x.sink.Mails()); n != 0 {
			t.Fatalf("%d mails before the restart", n)
		}

		p = startStafett(t, bin, dsn, certFile, "127.0.0.1:"+sinkPort)
		waitMails(t, x.sink, 1)
		waitSent(t, h) // killed after the SMTP server took it but before it was marked sent, it would go again (README)
		if got := x.sink.Mails(); got[0].To != fx.EmployeeA2.Email || !strings.Contains(got[0].Text, "stafettholder") {
			t.Fatalf("after the restart: %+v", got[0])
		}
		p.kill()

		// A second restart sends nothing again: a new mail (the guardian wrote while
		// the server was down) goes at start, and with it no second copy of the first.
		x.want(h.Do("POST", "/api/v1/logs/"+id+"/entries", h.Login(fx.Plain), map[string]any{"kind": "note", "text": "x"}), 201, "note")
		p = startStafett(t, bin, dsn, certFile, "127.0.0.1:"+sinkPort)
		waitMails(t, x.sink, 2)
		waitSent(t, h)
		p.kill()
		got := x.sink.Mails()
		if len(got) != 2 || got[1].To != fx.EmployeeA.Email {
			t.Fatalf("after the second restart: %v", recipients(got))
		}
		// Nothing is left to send either, even once every lease has run out.
		h.Clock.Add(time.Since(h.Clock.Now()) + mail.Lease + time.Minute) // the harness's clock to real time, past the leases
		if left, err := h.DB.ClaimMail(context.Background(), 10, mail.Lease); err != nil || len(left) != 0 {
			t.Errorf("left in the outbox: %+v %v", left, err)
		}
	})
}

// mute is an SMTP address that accepts connections and never answers.
type mute struct {
	t     *testing.T
	conns atomic.Int32
}

func (m *mute) addr() string {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		m.t.Fatal(err)
	}
	var held []net.Conn
	var mu sync.Mutex
	go func() {
		for {
			c, err := l.Accept()
			if err != nil {
				return
			}
			m.conns.Add(1)
			mu.Lock()
			held = append(held, c)
			mu.Unlock()
		}
	}()
	m.t.Cleanup(func() {
		l.Close()
		mu.Lock()
		for _, c := range held {
			c.Close()
		}
		mu.Unlock()
	})
	return l.Addr().String()
}

// proc is a running stafett process.
type proc struct {
	t    *testing.T
	cmd  *exec.Cmd
	base string
}

var listeningOn = regexp.MustCompile(`listening on (http://[0-9.:]+)`)

// startStafett runs `stafett serve` on dsn, mailing through smtpAddr (trusting the
// sink's certificate), and waits until it listens.
func startStafett(t *testing.T, bin, dsn, certFile, smtpAddr string) *proc {
	t.Helper()
	cmd := exec.Command(bin, "serve", "--addr", "127.0.0.1:0")
	for _, kv := range os.Environ() {
		if !strings.HasPrefix(kv, "STAFETT_") && !strings.HasPrefix(kv, "SSL_CERT_") {
			cmd.Env = append(cmd.Env, kv)
		}
	}
	cmd.Env = append(cmd.Env, "STAFETT_DATABASE="+dsn, "STAFETT_SMTP_URL=smtp://"+mailtest.User+":"+mailtest.Password+"@"+smtpAddr,
		"STAFETT_MAIL_FROM="+mailtest.From, "STAFETT_REMINDER_INTERVAL=1h", "STAFETT_BASE_URL=https://stafett.test",
		"SSL_CERT_FILE="+certFile)
	out, err := cmd.StdoutPipe()
	if err != nil {
		t.Fatal(err)
	}
	cmd.Stderr = cmd.Stdout
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	p := &proc{t: t, cmd: cmd}
	t.Cleanup(p.kill)
	found := make(chan string, 1)
	var log bytes.Buffer
	var logMu sync.Mutex
	go func() {
		sc := bufio.NewScanner(out)
		for sc.Scan() {
			logMu.Lock()
			log.WriteString(sc.Text() + "\n")
			logMu.Unlock()
			if m := listeningOn.FindStringSubmatch(sc.Text()); m != nil {
				select {
				case found <- m[1]:
				default:
				}
			}
		}
		_, _ = io.Copy(io.Discard, out)
	}()
	select {
	case p.base = <-found:
	case <-time.After(60 * time.Second):
		logMu.Lock()
		defer logMu.Unlock()
		t.Fatalf("stafett did not start:\n%s", log.String())
	}
	return p
}

// kill ends the process with SIGKILL (again: nothing).
func (p *proc) kill() {
	if p.cmd.ProcessState != nil {
		return
	}
	_ = p.cmd.Process.Kill()
	_ = p.cmd.Wait()
}

func (p *proc) do(method, path, tok string, body any) (*http.Response, []byte) {
	p.t.Helper()
	b, _ := json.Marshal(body)
	req, err := http.NewRequest(method, p.base+path, bytes.NewReader(b))
	if err != nil {
		p.t.Fatal(err)
	}
	req.Header.Set("Content-Type", "application/json")
	if tok != "" {
		req.Header.Set("Authorization", "Bearer "+tok)
	}
	res, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer res.Body.Close()
	data, _ := io.ReadAll(res.Body)
	return res, data
}

func (p *proc) post(path, tok string, body any) int {
	p.t.Helper()
	res, data := p.do("POST", path, tok, body)
	if res.StatusCode >= 300 {
		p.t.Logf("%s: %d %s", path, res.StatusCode, data)
	}
	return res.StatusCode
}

func (p *proc) login(email string) string {
	p.t.Helper()
	res, data := p.do("POST", "/api/v1/session", "", map[string]string{"email": email, "password": webtest.Password})
	var s struct {
		Token string `json:"token"`
	}
	if err := json.Unmarshal(data, &s); err != nil || res.StatusCode != http.StatusOK || s.Token == "" {
		p.t.Fatalf("sign-in %d: %s", res.StatusCode, data)
	}
	return s.Token
}

// waitMails waits until the sink has n mails (the worker polls every 10 s; it flushes
// at start, so this is at once in practice), and fails after 30 s.
func waitMails(t *testing.T, sink *mailtest.Sink, n int) {
	t.Helper()
	for range 300 {
		if len(sink.Mails()) >= n {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatalf("%d mails after 30 s, want %d", len(sink.Mails()), n)
}

// waitSent waits until the outbox has nothing pending, and fails after 30 s.
func waitSent(t *testing.T, h *webtest.Harness) {
	t.Helper()
	for range 300 {
		n, err := h.DB.PendingMail(context.Background())
		if err != nil {
			t.Fatal(err)
		}
		if n == 0 {
			return
		}
		time.Sleep(100 * time.Millisecond)
	}
	t.Fatal("mail still pending after 30 s")
}
