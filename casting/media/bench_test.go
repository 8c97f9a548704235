package media_test

import (
	"bytes"
	"runtime"
	"runtime/metrics"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slatecasting/slate/casting/media"
	"github.com/slatecasting/slate/internal/fixtures"
)

var (
	photo12MPOnce sync.Once
	photo12MP     []byte
)

// twelveMegapixels is a 4000×3000 photo-like JPEG at quality 90.
func twelveMegapixels() []byte {
	photo12MPOnce.Do(func() { photo12MP = fixtures.JPEG(fixtures.Photo(4000, 3000, 12), 90) })
	return photo12MP
}

// peakHeap samples the live heap every millisecond while fn runs and
// returns the highest value above the heap in use before it started: the
// memory one check needs.
func peakHeap(fn func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	runtime.GC()
	base := read()
	var peak atomic.Uint64
	done := make(chan struct{})
	go func() {
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				if v := read(); v > peak.Load() {
					peak.Store(v)
				}
			}
		}
	}()
	fn()
	if v := read(); v > peak.Load() {
		peak.Store(v)
	}
	close(done)
	if p := peak.Load(); p > base {
		return p - base
	}
	return 0
}

// BenchmarkProcess12MP checks a 12-megapixel JPEG as a headshot: decode,
// orientation, variants and every check. Targets: ≤ 0.6 s and ≤ 200 MB per
// image on one core (make bench runs it with -cpu 1).
func BenchmarkProcess12MP(b *testing.B) {
	data := twelveMegapixels()
	b.SetBytes(int64(len(data)))
	var peak uint64
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		p := peakHeap(func() {
			if _, err := media.Process(bytes.NewReader(data), media.KindHeadshot, media.ProcessOptions{}); err != nil {
				b.Fatal(err)
			}
		})
		peak = max(peak, p)
	}
	b.ReportMetric(b.Elapsed().Seconds()/float64(b.N), "s/image")
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}
