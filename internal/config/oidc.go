package config

import (
	"fmt"
	"net"
	"net/url"
	"regexp"
	"strings"
)

// OIDC configures one OpenID Connect identity provider.
type OIDC struct {
	// Name is the provider's key in URLs and in security events, e.g. "idporten".
	Name string
	// Label is the provider's name on the sign-in button, e.g. "ID-porten".
	Label        string
	Issuer       string
	ClientID     string
	ClientSecret string
	// ACRValues are the accepted assurance levels, space-separated; empty
	// accepts any.
	ACRValues string
	// IDClaim names the ID-token claim matched against users' national ID.
	IDClaim string
	// RedirectURL is Stafett's callback for this provider, as registered there:
	// <base URL>/innlogging/oidc/<name>/callback. Validate sets it.
	RedirectURL string

	// env is the prefix of the variables it was read from, for messages.
	env string
}

// DefaultOIDCName and DefaultOIDCLabel name the provider of the unnamed
// STAFETT_OIDC_* variables.
const (
	DefaultOIDCName  = "idporten"
	DefaultOIDCLabel = "ID-porten"
)

// oidcLabels are the button labels of the providers Stafett knows by name.
var oidcLabels = map[string]string{
	"idporten":     "ID-porten",
	"ansattporten": "Ansattporten",
	"entra":        "Entra ID",
}

// oidcReserved are names a provider may not have: they mean other ways of
// signing in, in security events and in the pending sign-ins the store keeps.
var oidcReserved = map[string]bool{"password": true, "totp": true}

var oidcName = regexp.MustCompile(`^[a-z0-9][a-z0-9-]{0,31}$`)

// oidcFields are the variables of one provider, after STAFETT_OIDC_ or
// STAFETT_OIDC_<NAME>_.
var oidcFields = []string{"ISSUER", "CLIENT_ID", "CLIENT_SECRET", "ACR_VALUES", "ID_CLAIM", "LABEL"}

// loadOIDC reads the identity providers: the one of the STAFETT_OIDC_* variables,
// or each named in STAFETT_OIDC_PROVIDERS from its STAFETT_OIDC_<NAME>_* variables.
func loadOIDC(getenv func(string) string) ([]OIDC, []error) {
	get := func(name string) string { return strings.TrimSpace(getenv(name)) }
	list := get("STAFETT_OIDC_PROVIDERS")
	if list == "" {
		o := readOIDC(get, "STAFETT_OIDC_")
		name := strings.ToLower(get("STAFETT_OIDC_NAME"))
		if o == (OIDC{env: o.env}) && name == "" {
			return nil, nil
		}
		o.Name = name
		if o.Name == "" {
			o.Name = DefaultOIDCName
		}
		return []OIDC{withDefaults(o)}, nil
	}
	var errs []error
	// The unnamed variables would be ignored: say so rather than start without them.
	for _, f := range append([]string{"NAME"}, oidcFields...) {
		if get("STAFETT_OIDC_"+f) != "" {
			errs = append(errs, fmt.Errorf("STAFETT_OIDC_%s: not used with STAFETT_OIDC_PROVIDERS; set STAFETT_OIDC_<NAME>_%s for each provider", f, f))
		}
	}
	var out []OIDC
	for _, name := range strings.FieldsFunc(list, func(r rune) bool { return r == ',' || r == ' ' }) {
		name = strings.ToLower(name)
		o := readOIDC(get, "STAFETT_OIDC_"+strings.ToUpper(strings.ReplaceAll(name, "-", "_"))+"_")
		o.Name = name
		out = append(out, withDefaults(o))
	}
	return out, errs
}

func readOIDC(get func(string) string, prefix string) OIDC {
	return OIDC{
		env:          prefix,
		Label:        get(prefix + "LABEL"),
		Issuer:       get(prefix + "ISSUER"),
		ClientID:     get(prefix + "CLIENT_ID"),
		ClientSecret: get(prefix + "CLIENT_SECRET"),
		ACRValues:    strings.Join(strings.Fields(get(prefix+"ACR_VALUES")), " "),
		IDClaim:      get(prefix + "ID_CLAIM"),
	}
}

func withDefaults(o OIDC) OIDC {
	if o.Label == "" {
		o.Label = oidcLabels[o.Name]
	}
	if o.Label == "" {
		o.Label = o.Name
	}
	if o.IDClaim == "" {
		o.IDClaim = DefaultIDClaim
	}
	return o
}

// validateOIDC checks every provider and sets its redirect URL; BaseURL must be
// settled first.
func (c *Config) validateOIDC() []error {
	if len(c.OIDC) == 0 {
		return nil
	}
	var errs []error
	bad := func(format string, args ...any) { errs = append(errs, fmt.Errorf(format, args...)) }
	if !secureOrLocal(c.BaseURL) {
		bad("STAFETT_BASE_URL: %q must be https when an identity provider is configured (http only for localhost)", c.BaseURL)
	}
	seen := map[string]bool{}
	for i := range c.OIDC {
		o := &c.OIDC[i]
		v := o.varName
		nameVar := "STAFETT_OIDC_PROVIDERS"
		if o.env == "STAFETT_OIDC_" {
			nameVar = "STAFETT_OIDC_NAME"
		}
		switch {
		case !oidcName.MatchString(o.Name):
			bad("%s: %q is not a provider name: 1-32 lowercase letters, digits or dashes", nameVar, o.Name)
		case oidcReserved[o.Name]:
			bad("%s: %q is reserved; choose another provider name", nameVar, o.Name)
		case seen[o.Name]:
			bad("%s: %q is named twice", nameVar, o.Name)
		}
		seen[o.Name] = true
		if o.Issuer == "" {
			bad("%s: required for identity provider %q", v("ISSUER"), o.Name)
		} else if u, err := url.Parse(o.Issuer); err != nil || u.Host == "" || (u.Scheme != "https" && u.Scheme != "http") {
			bad("%s: %q is not an https URL", v("ISSUER"), o.Issuer)
		} else if !secureOrLocal(o.Issuer) {
			bad("%s: %q must be https (http only for localhost)", v("ISSUER"), o.Issuer)
		}
		if o.ClientID == "" {
			bad("%s: required for identity provider %q", v("CLIENT_ID"), o.Name)
		}
		if o.ClientSecret == "" {
			bad("%s: required for identity provider %q", v("CLIENT_SECRET"), o.Name)
		}
		if strings.ContainsFunc(o.IDClaim, func(r rune) bool { return r <= ' ' || r == 0x7f }) {
			bad("%s: %q is not a claim name", v("ID_CLAIM"), o.IDClaim)
		}
		if strings.ContainsFunc(o.Label, func(r rune) bool { return r < ' ' || r == 0x7f }) || len([]rune(o.Label)) > 60 {
			bad("%s: must be at most 60 characters on one line", v("LABEL"))
		}
		o.RedirectURL = c.BaseURL + "/innlogging/oidc/" + o.Name + "/callback"
	}
	return errs
}

// varName is the variable setting field of o, e.g. STAFETT_OIDC_ENTRA_ISSUER.
func (o *OIDC) varName(field string) string {
	if o.env == "" {
		return "STAFETT_OIDC_" + field
	}
	return o.env + field
}

// secureOrLocal reports whether u is https, or http on this machine (for
// development and tests).
func secureOrLocal(u string) bool {
	p, err := url.Parse(u)
	if err != nil {
		return false
	}
	switch p.Scheme {
	case "https":
		return true
	case "http":
		host := p.Hostname()
		ip := net.ParseIP(host)
		return host == "localhost" || (ip != nil && ip.IsLoopback())
	}
	return false
}
