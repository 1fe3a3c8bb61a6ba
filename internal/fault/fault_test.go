package fault

import "testing"

func TestText(t *testing.T) {
	tests := []struct {
		name, value string
		want        string
	}{
		{"OK", "O\n\tå\r", ""},
		{"Blank", "  \n", FieldRequired},
		{"TooLong", "abcdef", FieldTooLong},
		{"NUL", "a\x00b", FieldInvalid},
		{"Escape", "a\x1bb", FieldInvalid},
		{"Delete", "a\x7fb", FieldInvalid},
		{"NotUTF8", "a\xffb", FieldInvalid},
		{"MaxRunesNotBytes", "æøåæø", ""},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			var f Fields
			f.Text("text", tt.value, 5)
			if got := f["text"]; got != tt.want {
				t.Errorf("Text(%q) = %q, want %q", tt.value, got, tt.want)
			}
		})
	}
}
