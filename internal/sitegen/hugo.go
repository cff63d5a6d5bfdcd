package sitegen

type file struct{ name, data string }

// hugoFiles are the configuration and layouts of the Hugo twin of a
// generated site. The layouts print what a comparison needs and nothing
// more: a doctype, a head with the title, a body with the page's content.
// Taxonomies and RSS are off; Hugo still writes section lists, the home
// page, a sitemap and a 404 page.
func hugoFiles() []file {
	const layout = `<!doctype html>
<html lang="en-GB">
<head>
<meta charset="utf-8">
<title>{{ .Title }}</title>
</head>
<body>
{{ .Content }}
</body>
</html>
`
	return []file{
		{"hugo.toml", "baseURL = " + tomlString(BaseURL) + "\n" +
			"title = " + tomlString(Title) + "\n" +
			"languageCode = \"en-GB\"\n" +
			"disableKinds = [\"taxonomy\", \"term\", \"RSS\"]\n"},
		{"layouts/_default/single.html", layout},
		{"layouts/_default/list.html", layout},
		{"layouts/index.html", layout},
	}
}
