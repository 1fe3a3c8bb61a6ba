package web

import (
	"archive/zip"
	"bytes"
	"net/http"
	"net/http/httptest"
	"strings"
	"testing"
)

// multipartRequest posts parts to path, as an API client (token) or, with cookie, as
// a browser form.
func (h *harness) multipartRequest(path, token string, cookie bool, parts ...formPart) *response {
	h.t.Helper()
	body, ctype := multipartBody(h.t, parts...)
	req := httptest.NewRequest("POST", path, bytes.NewReader(body))
	req.Header.Set("Content-Type", ctype)
	switch {
	case token == "":
	case cookie:
		req.Header.Set("Sec-Fetch-Site", "same-origin")
		req.AddCookie(&http.Cookie{Name: sessionCookie, Value: token})
	default:
		req.Header.Set("Authorization", "Bearer "+token)
	}
	return h.serve(req)
}

// docx is a minimal Word document by its structure.
func docx(t *testing.T) []byte {
	t.Helper()
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	for _, n := range []string{"[Content_Types].xml", "word/document.xml"} {
		w, _ := z.Create(n)
		_, _ = w.Write([]byte("<xml/>"))
	}
	if err := z.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestGuideDocuments uploads tool documents: only the municipality's administrators,
// only PDF, PNG and Word by content, at most 5 MB; a document is served to anyone
// once a published version refers to it, and not before.
func TestGuideDocuments(t *testing.T) {
	eachHarness(t, func(t *testing.T, h *harness) {
		tok, fx := h.tokens(), h.fx
		a := guideAPI(fx.A.ID)
		upload := func(who actorKey, parts ...formPart) *response {
			t.Helper()
			return h.multipartRequest(a+"/files", tok[who], false, parts...)
		}
		before := h.guideState(fx.A.ID)
		for name, c := range map[string]struct {
			who    actorKey
			parts  []formPart
			status int
			field  string
		}{
			"Anonymous":    {anon, []formPart{lpFile(lpPDF, "s.pdf", "application/pdf")}, 401, ""},
			"SystemAdmin":  {sysAdmin, []formPart{lpFile(lpPDF, "s.pdf", "application/pdf")}, 403, ""},
			"OtherAdmin":   {adminB, []formPart{lpFile(lpPDF, "s.pdf", "application/pdf")}, 403, ""},
			"Employee":     {employeeA, []formPart{lpFile(lpPDF, "s.pdf", "application/pdf")}, 403, ""},
			"HTMLAsPDF":    {adminA, []formPart{lpFile([]byte("<html><script>x</script>"), "s.pdf", "application/pdf")}, 422, "format"},
			"JPEG":         {adminA, []formPart{lpFile(lpJPEG, "bilde.jpg", "image/jpeg")}, 422, "format"},
			"Empty":        {adminA, []formPart{lpFile(nil, "tom.pdf", "application/pdf")}, 422, "required"},
			"NoFile":       {adminA, []formPart{lpField("title", "x")}, 422, "required"},
			"TooLarge":     {adminA, []formPart{lpFile(bigPDF(5<<20+1), "stor.pdf", "application/pdf")}, 413, ""},
			"NotMultipart": {adminA, nil, 422, "required"},
		} {
			t.Run(name, func(t *testing.T) {
				res := upload(c.who, c.parts...)
				if name == "NotMultipart" {
					res = h.do("POST", a+"/files", tok[adminA], map[string]any{"file": "x"})
				}
				code, fields := res.errorCode(t)
				if res.status != c.status || (c.field != "" && fields["file"] != c.field) {
					t.Errorf("= %d %s %v, want %d file: %s", res.status, code, fields, c.status, c.field)
				}
			})
		}
		if after := h.guideState(fx.A.ID); after != before {
			t.Errorf("refused uploads changed state: %v → %v", before, after)
		}

		res := upload(adminA, lpFile(lpPDF, "Samtykke skjema æøå.pdf", "text/plain"))
		if res.status != 201 {
			t.Fatalf("upload = %d %s", res.status, res.body)
		}
		f := res.json(t)
		fid := f["id"].(string)
		if f["content_type"] != "application/pdf" || f["name"] != "Samtykke skjema æøå.pdf" || f["size"] != float64(len(lpPDF)) {
			t.Errorf("uploaded = %v", f)
		}
		if res := upload(adminA, lpFile(docx(t), "mal.docx", "application/zip")); res.status != 201 ||
			res.json(t)["content_type"] != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
			t.Errorf("docx upload = %d %s", res.status, res.body)
		}
		public := "/k/4003/veileder/filer/" + fid
		if res := h.page("GET", public, "", nil); res.status != http.StatusNotFound {
			t.Errorf("unpublished document = %d", res.status)
		}
		d := h.do("GET", a+"/draft", tok[adminA], nil).json(t)
		jsonPath(d, "levels", 1, "steps", 0).(map[string]any)["tools"] = []any{map[string]any{"title": "Samtykkeskjema", "file_id": fid}}
		if res := h.do("PUT", a+"/draft", tok[adminA], d); res.status != 200 {
			t.Fatalf("draft with document = %d %s", res.status, res.body)
		}
		// B's administrator cannot point B's guide at A's document.
		db := h.do("GET", guideAPI(fx.B.ID)+"/draft", tok[adminB], nil).json(t)
		jsonPath(db, "levels", 1, "steps", 0).(map[string]any)["tools"] = []any{map[string]any{"title": "Lånt", "file_id": fid}}
		if res := h.do("PUT", guideAPI(fx.B.ID)+"/draft", tok[adminB], db); res.status != 422 {
			t.Errorf("borrowing another municipality's document = %d %s", res.status, res.body)
		}
		if res := h.do("POST", a+"/publish", tok[adminA], nil); res.status != 201 {
			t.Fatalf("publish = %d %s", res.status, res.body)
		}
		res = h.page("GET", public, "", nil)
		if res.status != 200 || !bytes.Equal(res.body, lpPDF) || res.header.Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(res.header.Get("Content-Disposition"), "attachment; filename*=utf-8''Samtykke%20skjema%20%C3%A6%C3%B8%C3%A5.pdf") ||
			!strings.Contains(res.header.Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("public document = %d %v", res.status, res.header)
		}
		if res := h.page("GET", "/k/4001/veileder/filer/"+fid, "", nil); res.status != 404 {
			t.Errorf("document through another municipality = %d", res.status)
		}
		pub := h.do("GET", a, "", nil).json(t)
		if jsonPath(pub, "levels", 1, "steps", 0, "tools", 0, "url") != public || jsonPath(pub, "levels", 1, "steps", 0, "tools", 0, "file_id") != fid {
			t.Errorf("public tool = %v", jsonPath(pub, "levels", 1, "steps", 0, "tools"))
		}
		if adminDoc(t, h.page("GET", "/k/4003/veileder/niva/1", "", nil)).Find(`a[href="`+public+`"]`).Length() != 1 {
			t.Error("the level page does not link the document")
		}
	})
}

// TestVeilederEditorDocuments adds a document to a step from the editor's form, in
// the same change as the step, and removes it again.
func TestVeilederEditorDocuments(t *testing.T) {
	eachHarness(t, func(t *testing.T, h *harness) {
		fx, admin := h.fx, h.login(h.fx.AdminA)
		base := "/admin/kommuner/" + fx.A.ID + "/veileder"
		fields := func(extra ...formPart) []formPart {
			return append([]formPart{lpField("title", "Bruk samtykkeskjemaet"), lpField("who", "stafettholder"),
				lpField("what", "Fyll ut skjemaet sammen med foreldrene.")}, extra...)
		}
		before := h.guideState(fx.A.ID)
		res := h.multipartRequest(base+"/niva/1/steg", admin, true, fields(lpFile([]byte("GIF89a"), "x.gif", "image/gif"))...)
		h.wantFieldError(t, res, "step-file", "format")
		res = h.multipartRequest(base+"/niva/1/steg", admin, true, lpField("title", ""), lpFile(lpPDF, "s.pdf", "application/pdf"))
		h.wantFieldError(t, res, "step-title", "required")
		if after := h.guideState(fx.A.ID); after != before {
			t.Errorf("failed forms changed state: %v → %v", before, after)
		}
		res = h.multipartRequest(base+"/niva/1/steg", admin, true, fields(lpField("file_title", "Samtykkeskjema"), lpFile(lpPDF, "skjema.pdf", "application/pdf"))...)
		if res.status != http.StatusSeeOther {
			t.Fatalf("add step with document = %d %.2000s", res.status, res.body)
		}
		sid := strings.TrimPrefix(res.header.Get("Location"), base+"#steg-")
		d, _ := h.db.GetGuideDraft(t.Context(), fx.A.ID)
		st, _, _ := d.Guide.Step(sid)
		if st == nil || len(st.Tools) != 1 || st.Tools[0].Title != "Samtykkeskjema" || st.Tools[0].FileID == "" {
			t.Fatalf("step = %+v", st)
		}
		doc := adminDoc(t, h.page("GET", base+"/steg/"+sid, admin, nil))
		if doc.Find(`input[name="remove_file"][value="`+st.Tools[0].FileID+`"]`).Length() != 1 ||
			!strings.Contains(doc.Find(`label[for="remove-`+st.Tools[0].FileID+`"]`).Text(), "skjema.pdf") {
			t.Error("the step form does not list the document")
		}
		res = h.multipartRequest(base+"/steg/"+sid, admin, true, fields(lpField("remove_file", st.Tools[0].FileID))...)
		if res.status != http.StatusSeeOther {
			t.Fatalf("remove document = %d", res.status)
		}
		d, _ = h.db.GetGuideDraft(t.Context(), fx.A.ID)
		if st, _, _ = d.Guide.Step(sid); len(st.Tools) != 0 {
			t.Errorf("tools after removal = %+v", st.Tools)
		}
	})
}
