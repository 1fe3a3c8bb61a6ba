package web_test

import (
	"archive/zip"
	"bytes"
	"net/http"
	"stafett/internal/web/webtest"
	"strings"
	"testing"
)

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
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		tok, fx := tokens(h), h.Fx
		a := guideAPI(fx.A.ID)
		upload := func(who actorKey, parts ...webtest.FormPart) *webtest.Response {
			t.Helper()
			return h.MultipartRequest(a+"/files", tok[who], false, parts...)
		}
		before := guideState(h, fx.A.ID)
		for name, c := range map[string]struct {
			who    actorKey
			parts  []webtest.FormPart
			Status int
			field  string
		}{
			"Anonymous":    {anon, []webtest.FormPart{webtest.File(lpPDF, "s.pdf", "application/pdf")}, 401, ""},
			"SystemAdmin":  {sysAdmin, []webtest.FormPart{webtest.File(lpPDF, "s.pdf", "application/pdf")}, 403, ""},
			"OtherAdmin":   {adminB, []webtest.FormPart{webtest.File(lpPDF, "s.pdf", "application/pdf")}, 403, ""},
			"Employee":     {employeeA, []webtest.FormPart{webtest.File(lpPDF, "s.pdf", "application/pdf")}, 403, ""},
			"HTMLAsPDF":    {adminA, []webtest.FormPart{webtest.File([]byte("<html><script>x</script>"), "s.pdf", "application/pdf")}, 422, "format"},
			"JPEG":         {adminA, []webtest.FormPart{webtest.File(lpJPEG, "bilde.jpg", "image/jpeg")}, 422, "format"},
			"Empty":        {adminA, []webtest.FormPart{webtest.File(nil, "tom.pdf", "application/pdf")}, 422, "required"},
			"NoFile":       {adminA, []webtest.FormPart{webtest.Field("title", "x")}, 422, "required"},
			"TooLarge":     {adminA, []webtest.FormPart{webtest.File(bigPDF(5<<20+1), "stor.pdf", "application/pdf")}, 413, ""},
			"NotMultipart": {adminA, nil, 422, "required"},
		} {
			t.Run(name, func(t *testing.T) {
				res := upload(c.who, c.parts...)
				if name == "NotMultipart" {
					res = h.Do("POST", a+"/files", tok[adminA], map[string]any{"file": "x"})
				}
				code, fields := res.ErrorCode(t)
				if res.Status != c.Status || (c.field != "" && fields["file"] != c.field) {
					t.Errorf("= %d %s %v, want %d file: %s", res.Status, code, fields, c.Status, c.field)
				}
			})
		}
		if after := guideState(h, fx.A.ID); after != before {
			t.Errorf("refused uploads changed state: %v → %v", before, after)
		}

		res := upload(adminA, webtest.File(lpPDF, "Samtykke skjema æøå.pdf", "text/plain"))
		if res.Status != 201 {
			t.Fatalf("upload = %d %s", res.Status, res.Body)
		}
		f := webtest.Decode[webtest.GuideFile](t, res)
		fid := f.ID
		if fid == "" || f.ContentType != "application/pdf" || f.Name != "Samtykke skjema æøå.pdf" || f.Size != len(lpPDF) {
			t.Errorf("uploaded = %s", res.Body)
		}
		if res := upload(adminA, webtest.File(docx(t), "mal.docx", "application/zip")); res.Status != 201 ||
			webtest.Decode[webtest.GuideFile](t, res).ContentType != "application/vnd.openxmlformats-officedocument.wordprocessingml.document" {
			t.Errorf("docx upload = %d %s", res.Status, res.Body)
		}
		public := "/k/4003/veileder/filer/" + fid
		if res := h.Page("GET", public, "", nil); res.Status != http.StatusNotFound {
			t.Errorf("unpublished document = %d", res.Status)
		}
		d := guideDraft(t, h, fx.A.ID, tok[adminA])
		d.Levels[1].Steps[0].Tools = []webtest.GuideTool{{Title: "Samtykkeskjema", FileID: fid}}
		if res := h.Do("PUT", a+"/draft", tok[adminA], d); res.Status != 200 {
			t.Fatalf("draft with document = %d %s", res.Status, res.Body)
		}
		// B's administrator cannot point B's guide at A's document.
		db := guideDraft(t, h, fx.B.ID, tok[adminB])
		db.Levels[1].Steps[0].Tools = []webtest.GuideTool{{Title: "Lånt", FileID: fid}}
		if res := h.Do("PUT", guideAPI(fx.B.ID)+"/draft", tok[adminB], db); res.Status != 422 {
			t.Errorf("borrowing another municipality's document = %d %s", res.Status, res.Body)
		}
		if res := h.Do("POST", a+"/publish", tok[adminA], nil); res.Status != 201 {
			t.Fatalf("publish = %d %s", res.Status, res.Body)
		}
		res = h.Page("GET", public, "", nil)
		if res.Status != 200 || !bytes.Equal(res.Body, lpPDF) || res.Header.Get("Content-Type") != "application/pdf" ||
			!strings.HasPrefix(res.Header.Get("Content-Disposition"), "attachment; filename*=utf-8''Samtykke%20skjema%20%C3%A6%C3%B8%C3%A5.pdf") ||
			!strings.Contains(res.Header.Get("Content-Security-Policy"), "sandbox") {
			t.Errorf("public document = %d %v", res.Status, res.Header)
		}
		if res := h.Page("GET", "/k/4001/veileder/filer/"+fid, "", nil); res.Status != 404 {
			t.Errorf("document through another municipality = %d", res.Status)
		}
		pub := h.Do("GET", a, "", nil).JSON(t)
		if jsonPath(pub, "levels", 1, "steps", 0, "tools", 0, "url") != public || jsonPath(pub, "levels", 1, "steps", 0, "tools", 0, "file_id") != fid {
			t.Errorf("public tool = %v", jsonPath(pub, "levels", 1, "steps", 0, "tools"))
		}
		if adminDoc(t, h.Page("GET", "/k/4003/veileder/niva/1", "", nil)).Find(`a[href="`+public+`"]`).Length() != 1 {
			t.Error("the level page does not link the document")
		}
	})
}

// TestVeilederEditorDocuments adds a document to a step from the editor's form, in
// the same change as the step, and removes it again.
func TestVeilederEditorDocuments(t *testing.T) {
	webtest.Each(t, func(t *testing.T, h *webtest.Harness) {
		fx, admin := h.Fx, h.Login(h.Fx.AdminA)
		base := "/admin/kommuner/" + fx.A.ID + "/veileder"
		fields := func(extra ...webtest.FormPart) []webtest.FormPart {
			return append([]webtest.FormPart{webtest.Field("title", "Bruk samtykkeskjemaet"), webtest.Field("who", "stafettholder"),
				webtest.Field("what", "Fyll ut skjemaet sammen med foreldrene.")}, extra...)
		}
		before := guideState(h, fx.A.ID)
		res := h.MultipartRequest(base+"/niva/1/steg", admin, true, fields(webtest.File([]byte("GIF89a"), "x.gif", "image/gif"))...)
		h.WantFieldError(t, res, "step-file", "format")
		res = h.MultipartRequest(base+"/niva/1/steg", admin, true, webtest.Field("title", ""), webtest.File(lpPDF, "s.pdf", "application/pdf"))
		h.WantFieldError(t, res, "step-title", "required")
		if after := guideState(h, fx.A.ID); after != before {
			t.Errorf("failed forms changed state: %v → %v", before, after)
		}
		res = h.MultipartRequest(base+"/niva/1/steg", admin, true, fields(webtest.Field("file_title", "Samtykkeskjema"), webtest.File(lpPDF, "skjema.pdf", "application/pdf"))...)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("add step with document = %d %.2000s", res.Status, res.Body)
		}
		sid := strings.TrimPrefix(res.Header.Get("Location"), base+"#steg-")
		d, _ := h.DB.GetGuideDraft(t.Context(), fx.A.ID)
		st, _, _ := d.Guide.Step(sid)
		if st == nil || len(st.Tools) != 1 || st.Tools[0].Title != "Samtykkeskjema" || st.Tools[0].FileID == "" {
			t.Fatalf("step = %+v", st)
		}
		doc := adminDoc(t, h.Page("GET", base+"/steg/"+sid, admin, nil))
		if doc.Find(`input[name="remove_file"][value="`+st.Tools[0].FileID+`"]`).Length() != 1 ||
			!strings.Contains(doc.Find(`label[for="remove-`+st.Tools[0].FileID+`"]`).Text(), "skjema.pdf") {
			t.Error("the step form does not list the document")
		}
		res = h.MultipartRequest(base+"/steg/"+sid, admin, true, fields(webtest.Field("remove_file", st.Tools[0].FileID))...)
		if res.Status != http.StatusSeeOther {
			t.Fatalf("remove document = %d", res.Status)
		}
		d, _ = h.DB.GetGuideDraft(t.Context(), fx.A.ID)
		if st, _, _ = d.Guide.Step(sid); len(st.Tools) != 0 {
			t.Errorf("tools after removal = %+v", st.Tools)
		}
	})
}
