// gc counts the packages its imports' export data names (types.NumImport): html/template's
// API names text/template, so "template" is ambiguous here although only one package of
// that name is imported.
package p

import "html/template"

var sink interface{}

func F() {
	sink = template.FuncMap{"a": nil} // ERROR "^25: \"text/template\"\\.FuncMap\\{\\.\\.\\.\\} escapes to heap$"
	sink = &template.Template{} // ERROR "^9: &\"html/template\"\\.Template\\{\\} escapes to heap$"
}

func G() {
	var t *template.Template
	panic("x" + t.Name()) // ERROR "^20: \"x\" \\+ \\(\\*\"html/template\"\\.Template\\)\\.Name\\(t\\) escapes to heap$" "^12: \"x\" \\+ \\(\\*\"html/template\"\\.Template\\)\\.Name\\(t\\) escapes to heap$"
}
