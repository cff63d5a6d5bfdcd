module github.com/signpost-dev/signpost

go 1.26.8

require (
	github.com/BurntSushi/toml v1.6.0
	github.com/andybalholm/brotli v1.2.8
	github.com/fsnotify/fsnotify v1.10.1
	github.com/tdewolff/minify/v2 v2.24.25
	github.com/yuin/goldmark v1.8.7
	golang.org/x/sys v0.49.0
	golang.org/x/tools v0.52.0
)

require github.com/tdewolff/parse/v2 v2.8.20

require github.com/rogpeppe/go-internal v1.16.0 // indirect
