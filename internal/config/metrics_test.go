package config

import (
	"strings"
	"testing"
)

func TestLoadMetricsAddr(t *testing.T) {
	t.Run("OffByDefault", func(t *testing.T) {
		c, err := Load(env(nil))
		if err != nil {
			t.Fatal(err)
		}
		if c.MetricsAddr != "" {
			t.Errorf("metrics address %q, want none", c.MetricsAddr)
		}
	})
	t.Run("Set", func(t *testing.T) {
		c, err := Load(env(map[string]string{"STAFETT_METRICS_ADDR": " 127.0.0.1:9090 "}))
		if err != nil {
			t.Fatal(err)
		}
		if c.MetricsAddr != "127.0.0.1:9090" {
			t.Errorf("metrics address %q, want 127.0.0.1:9090", c.MetricsAddr)
		}
	})
	t.Run("ErrNotHostPort", func(t *testing.T) {
		_, err := Load(env(map[string]string{"STAFETT_METRICS_ADDR": "9090"}))
		if err == nil || !strings.Contains(err.Error(), `STAFETT_METRICS_ADDR: "9090" is not host:port`) {
			t.Errorf("error = %v", err)
		}
	})
}
