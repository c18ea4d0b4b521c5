// gc spells a type of an imported package with the package's name, unless two imported
// packages share that name: then with the quoted import path (types.pkgqual). An import
// alias never shows.
package p

import (
	htmltemplate "html/template"
	"strings"
	str "strings"
	"text/template"
)

var sink interface{}

func F() {
	sink = template.FuncMap{"a": strings.ToUpper} // ERROR "^25: \"text/template\"\\.FuncMap\\{\\.\\.\\.\\} escapes to heap$"
	sink = htmltemplate.FuncMap{"b": strings.ToLower} // ERROR "^29: \"text/template\"\\.FuncMap\\{\\.\\.\\.\\} escapes to heap$"
	sink = &strings.Builder{} // ERROR "^9: &strings\\.Builder\\{\\} escapes to heap$"
	sink = str.Repeat("a", 2) // ERROR "^2: strings\\.Repeat\\(\"a\", 2\\) escapes to heap$"
}
