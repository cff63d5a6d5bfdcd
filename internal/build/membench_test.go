package build

import (
	"fmt"
	"os"
	"path/filepath"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/signpost-dev/signpost/internal/offline"
	"github.com/signpost-dev/signpost/internal/sitegen"
)

// BenchmarkBuildMemory builds generated sites as `signpost build` does by
// default (.gz and .br copies, a cold cache folder) and reports the peak
// of the live heap (what the garbage collector found in use, read every
// millisecond): live-MB for the larger site, and live-B/page, what each
// page adds to it, from the two sizes (so the fixed costs of a build, its
// renderer and compressors, drop out). What a page adds decides a large
// site's peak memory: issue 17 asks for 100,000 pages under 1 GB. The case
// bodies=reread is how a site of over 20,000 pages builds (rereadOver):
// no ordinary page's Markdown held. It reports these metrics, not a time
// to compare; run it with -benchtime 1x.
func BenchmarkBuildMemory(b *testing.B) {
	for _, bodies := range []string{"held", "reread"} {
		b.Run("bodies="+bodies, func(b *testing.B) {
			opts := Options{}
			if bodies == "reread" {
				opts.rereadOver = 1
			}
			buildMemory(b, opts)
		})
	}
}

func buildMemory(b *testing.B, opts Options) {
	sizes := []int{1000, 5000}
	if testing.Short() {
		sizes = []int{200, 1000}
	}
	dir := b.TempDir()
	sites := make([]string, len(sizes))
	for i, pages := range sizes {
		sites[i] = filepath.Join(dir, fmt.Sprintf("site-%d", pages))
		if err := sitegen.Generate(sites[i], sitegen.Options{Pages: pages}); err != nil {
			b.Fatal(err)
		}
		toml := filepath.Join(sites[i], "site.toml")
		data, err := os.ReadFile(toml)
		if err != nil {
			b.Fatal(err)
		}
		data = fmt.Appendf(data, "\n[budget]\nprecache_kb = %d\n", 6*pages+300)
		if err := os.WriteFile(toml, data, 0o644); err != nil {
			b.Fatal(err)
		}
	}
	peaks := make([]uint64, len(sizes))
	for b.Loop() {
		for i, site := range sites {
			b.StopTimer()
			cache := filepath.Join(dir, "cache")
			if err := os.RemoveAll(cache); err != nil {
				b.Fatal(err)
			}
			c, err := offline.OpenCache(cache)
			if err != nil {
				b.Fatal(err)
			}
			opts.Cache = c
			runtime.GC()
			b.StartTimer()
			stop, peak := sampleLiveHeap()
			_, diags, err := Build(site, filepath.Join(dir, "public"), opts)
			stop()
			if err != nil {
				b.Fatalf("%v\n%v", err, diags.Err())
			}
			peaks[i] = max(peaks[i], peak())
		}
	}
	small, large := float64(peaks[0]), float64(peaks[1])
	b.ReportMetric((large-small)/float64(sizes[1]-sizes[0]), "live-B/page")
	b.ReportMetric(large/(1<<20), "live-MB")
}

// liveHeap is the heap the last garbage collection found live.
func liveHeap() uint64 {
	s := []metrics.Sample{{Name: "/gc/heap/live:bytes"}}
	metrics.Read(s)
	return s[0].Value.Uint64()
}

// sampleLiveHeap reads liveHeap every millisecond until stop is called;
// peak is the most it read.
func sampleLiveHeap() (stop func(), peak func() uint64) {
	var mu sync.Mutex
	var most uint64
	done := make(chan struct{})
	var wg sync.WaitGroup
	wg.Go(func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			v := liveHeap()
			mu.Lock()
			most = max(most, v)
			mu.Unlock()
			select {
			case <-done:
				return
			case <-t.C:
			}
		}
	})
	return func() { close(done); wg.Wait() }, func() uint64 { mu.Lock(); defer mu.Unlock(); return most }
}
