package config

import (
	"strings"
	"testing"

	"github.com/google/go-cmp/cmp"
	"github.com/google/go-cmp/cmp/cmpopts"
)

func TestLoadOIDC(t *testing.T) {
	ignoreEnv := cmpopts.IgnoreUnexported(OIDC{})
	t.Run("None", func(t *testing.T) {
		c, err := Load(env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if c.OIDC != nil {
			t.Errorf("providers %+v, want none", c.OIDC)
		}
	})
	t.Run("Single", func(t *testing.T) {
		c, err := Load(env(map[string]string{
			"STAFETT_BASE_URL":           "https://stafett.skien.kommune.no/",
			"STAFETT_OIDC_ISSUER":        "https://idporten.no",
			"STAFETT_OIDC_CLIENT_ID":     "skien-stafett",
			"STAFETT_OIDC_CLIENT_SECRET": "hemmelig",
			"STAFETT_OIDC_ACR_VALUES":    " idporten-loa-high ",
		}))
		if err != nil {
			t.Fatal(err)
		}
		want := []OIDC{{
			Name: "idporten", Label: "ID-porten", Issuer: "https://idporten.no", ClientID: "skien-stafett", ClientSecret: "hemmelig",
			ACRValues: "idporten-loa-high", IDClaim: "pid",
			RedirectURL: "https://stafett.skien.kommune.no/innlogging/oidc/idporten/callback",
		}}
		if diff := cmp.Diff(want, c.OIDC, ignoreEnv); diff != "" {
			t.Errorf("providers (-want +got):\n%s", diff)
		}
	})
	t.Run("SingleRenamed", func(t *testing.T) {
		c, err := Load(env(map[string]string{
			"STAFETT_OIDC_NAME": "kommune-ad", "STAFETT_OIDC_LABEL": "Kommunens pålogging", "STAFETT_OIDC_ID_CLAIM": "extn.fnr",
			"STAFETT_OIDC_ISSUER": "http://localhost:9000/realms/skien", "STAFETT_OIDC_CLIENT_ID": "stafett", "STAFETT_OIDC_CLIENT_SECRET": "s",
		}))
		if err != nil {
			t.Fatal(err)
		}
		want := []OIDC{{
			Name: "kommune-ad", Label: "Kommunens pålogging", Issuer: "http://localhost:9000/realms/skien", ClientID: "stafett", ClientSecret: "s",
			IDClaim: "extn.fnr", RedirectURL: "http://127.0.0.1:8080/innlogging/oidc/kommune-ad/callback",
		}}
		if diff := cmp.Diff(want, c.OIDC, ignoreEnv); diff != "" {
			t.Errorf("providers (-want +got):\n%s", diff)
		}
	})
	t.Run("Several", func(t *testing.T) {
		c, err := Load(env(map[string]string{
			"STAFETT_BASE_URL":       "https://stafett.example.no",
			"STAFETT_OIDC_PROVIDERS": "idporten, Ansattporten,entra",

			"STAFETT_OIDC_IDPORTEN_ISSUER": "https://idporten.no", "STAFETT_OIDC_IDPORTEN_CLIENT_ID": "a",
			"STAFETT_OIDC_IDPORTEN_CLIENT_SECRET": "1", "STAFETT_OIDC_IDPORTEN_ACR_VALUES": "idporten-loa-substantial",

			"STAFETT_OIDC_ANSATTPORTEN_ISSUER": "https://ansattporten.no", "STAFETT_OIDC_ANSATTPORTEN_CLIENT_ID": "b",
			"STAFETT_OIDC_ANSATTPORTEN_CLIENT_SECRET": "2", "STAFETT_OIDC_ANSATTPORTEN_ACR_VALUES": "high",

			"STAFETT_OIDC_ENTRA_ISSUER": "https://login.microsoftonline.com/tenant/v2.0", "STAFETT_OIDC_ENTRA_CLIENT_ID": "c",
			"STAFETT_OIDC_ENTRA_CLIENT_SECRET": "3", "STAFETT_OIDC_ENTRA_ID_CLAIM": "extn.nationalId", "STAFETT_OIDC_ENTRA_LABEL": "Skien kommune (Entra ID)",
		}))
		if err != nil {
			t.Fatal(err)
		}
		want := []OIDC{
			{Name: "idporten", Label: "ID-porten", Issuer: "https://idporten.no", ClientID: "a", ClientSecret: "1",
				ACRValues: "idporten-loa-substantial", IDClaim: "pid", RedirectURL: "https://stafett.example.no/innlogging/oidc/idporten/callback"},
			{Name: "ansattporten", Label: "Ansattporten", Issuer: "https://ansattporten.no", ClientID: "b", ClientSecret: "2",
				ACRValues: "high", IDClaim: "pid", RedirectURL: "https://stafett.example.no/innlogging/oidc/ansattporten/callback"},
			{Name: "entra", Label: "Skien kommune (Entra ID)", Issuer: "https://login.microsoftonline.com/tenant/v2.0", ClientID: "c", ClientSecret: "3",
				IDClaim: "extn.nationalId", RedirectURL: "https://stafett.example.no/innlogging/oidc/entra/callback"},
		}
		if diff := cmp.Diff(want, c.OIDC, ignoreEnv); diff != "" {
			t.Errorf("providers (-want +got):\n%s", diff)
		}
	})
	for _, tc := range []struct {
		name string
		env  map[string]string
		want []string // every one must be in the error
	}{
		{"ErrSingleIncomplete", map[string]string{"STAFETT_OIDC_ACR_VALUES": "idporten-loa-high"},
			[]string{"STAFETT_OIDC_ISSUER: required", "STAFETT_OIDC_CLIENT_ID: required", "STAFETT_OIDC_CLIENT_SECRET: required"}},
		{"ErrIssuerNotHTTPS", map[string]string{
			"STAFETT_OIDC_ISSUER": "http://idporten.no", "STAFETT_OIDC_CLIENT_ID": "a", "STAFETT_OIDC_CLIENT_SECRET": "b",
		}, []string{`STAFETT_OIDC_ISSUER: "http://idporten.no" must be https`}},
		{"ErrIssuerNotURL", map[string]string{
			"STAFETT_OIDC_ISSUER": "idporten.no", "STAFETT_OIDC_CLIENT_ID": "a", "STAFETT_OIDC_CLIENT_SECRET": "b",
		}, []string{`STAFETT_OIDC_ISSUER: "idporten.no" is not an https URL`}},
		{"ErrBaseURLNotHTTPS", map[string]string{
			"STAFETT_BASE_URL":    "http://stafett.example.no",
			"STAFETT_OIDC_ISSUER": "https://idporten.no", "STAFETT_OIDC_CLIENT_ID": "a", "STAFETT_OIDC_CLIENT_SECRET": "b",
		}, []string{"STAFETT_BASE_URL:", "must be https when an identity provider is configured"}},
		{"ErrBadName", map[string]string{
			"STAFETT_OIDC_NAME":   "ID porten",
			"STAFETT_OIDC_ISSUER": "https://idporten.no", "STAFETT_OIDC_CLIENT_ID": "a", "STAFETT_OIDC_CLIENT_SECRET": "b",
		}, []string{`STAFETT_OIDC_NAME: "id porten" is not a provider name`}},
		{"ErrSeveral", map[string]string{
			"STAFETT_OIDC_PROVIDERS": "idporten,totp,idporten,entra",
			"STAFETT_OIDC_ISSUER":    "https://idporten.no",

			"STAFETT_OIDC_IDPORTEN_ISSUER": "https://idporten.no", "STAFETT_OIDC_IDPORTEN_CLIENT_ID": "a", "STAFETT_OIDC_IDPORTEN_CLIENT_SECRET": "1",
			"STAFETT_OIDC_ENTRA_ISSUER": "ftp://login.microsoftonline.com", "STAFETT_OIDC_ENTRA_ID_CLAIM": "national id",
		}, []string{
			"STAFETT_OIDC_ISSUER: not used with STAFETT_OIDC_PROVIDERS",
			`STAFETT_OIDC_PROVIDERS: "totp" is reserved`,
			"STAFETT_OIDC_TOTP_ISSUER: required",
			`STAFETT_OIDC_PROVIDERS: "idporten" is named twice`,
			`STAFETT_OIDC_ENTRA_ISSUER: "ftp://login.microsoftonline.com" is not an https URL`,
			`STAFETT_OIDC_ENTRA_CLIENT_ID: required for identity provider "entra"`,
			"STAFETT_OIDC_ENTRA_CLIENT_SECRET: required",
			`STAFETT_OIDC_ENTRA_ID_CLAIM: "national id" is not a claim name`,
		}},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := Load(env(tc.env))
			if err == nil {
				t.Fatal("no error")
			}
			for _, w := range tc.want {
				if !strings.Contains(err.Error(), w) {
					t.Errorf("error lacks %q:\n%v", w, err)
				}
			}
		})
	}
}
