package web_test

import (
	"testing"

	"github.com/PuerkitoBio/goquery"

	"stafett/internal/web/webtest"
)

// adminDoc parses an HTML answer.
func adminDoc(t *testing.T, res *webtest.Response) *goquery.Document {
	t.Helper()
	return res.Doc(t)
}
