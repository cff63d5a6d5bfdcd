//go:build race

package build

// The race detector makes code 2 to 20 times slower (and this package's
// big inputs about 15 times): TestLargeInputs scales its time bounds by
// slowdown so that `go test -race ./...` checks for races, not for speed.
const slowdown = 20
