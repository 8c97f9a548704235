package photocheck_test

import (
	"bytes"
	"image"
	"image/jpeg"
	"math"
	"math/rand/v2"
	"runtime"
	"runtime/metrics"
	"sync"
	"testing"
	"time"

	"github.com/disintegration/imaging"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
)

var (
	photo12MPOnce sync.Once
	photo12MP     []byte
)

// twelveMegapixels is a 4000×3000 photo-like JPEG at quality 90, made
// once: lighting gradients, sensor noise, hard-edged shapes and the real
// portrait enlarged in the middle, so face detection and the pupil search
// run as they do on a real headshot.
func twelveMegapixels(b *testing.B) []byte {
	photo12MPOnce.Do(func() {
		const w, h = 4000, 3000
		rng := rand.New(rand.NewPCG(12, 12))
		img := image.NewNRGBA(image.Rect(0, 0, w, h))
		for y := 0; y < h; y++ {
			row := img.Pix[y*img.Stride:]
			for x := 0; x < w; x++ {
				fx, fy := float64(x)/w, float64(y)/h
				n := rng.NormFloat64() * 5
				p := row[4*x : 4*x+4]
				p[0] = clamp(70 + 110*fx + 30*math.Sin(9*fy) + n)
				p[1] = clamp(90 + 80*fy + 20*math.Cos(7*fx) + n)
				p[2] = clamp(150 - 60*fx*fy + n)
				p[3] = 255
			}
		}
		for i := 0; i < 40; i++ {
			c := hsv(rng.Float64(), 0.5, 0.3+0.6*rng.Float64())
			r := image.Rect(0, 0, 80+rng.IntN(500), 80+rng.IntN(500)).Add(image.Pt(rng.IntN(w), rng.IntN(h)))
			fill(img, r, c)
		}
		face := imaging.Resize(sample(b), 1900, 2375, imaging.Linear)
		img = imaging.PasteCenter(img, face)
		var buf bytes.Buffer
		if err := jpeg.Encode(&buf, img, &jpeg.Options{Quality: 90}); err != nil {
			panic(err)
		}
		photo12MP = buf.Bytes()
	})
	return photo12MP
}

// peakHeap runs fn and returns the most heap in use (bytes of live and
// not yet collected objects, runtime/metrics
// /memory/classes/heap/objects:bytes) seen while it ran, sampled every
// millisecond by a goroutine. With one core the sampler only runs when
// fn is preempted (every ~10 ms) or waits on the GC, so the figure is a
// close lower bound; the heap grows in steps of whole planes that each
// last far longer than that, which is what makes it meaningful.
func peakHeap(fn func()) uint64 {
	sample := []metrics.Sample{{Name: "/memory/classes/heap/objects:bytes"}}
	read := func() uint64 { metrics.Read(sample); return sample[0].Value.Uint64() }
	var mu sync.Mutex
	peak := read()
	note := func() {
		v := read()
		mu.Lock()
		peak = max(peak, v)
		mu.Unlock()
	}
	done, stopped := make(chan struct{}), make(chan struct{})
	go func() {
		defer close(stopped)
		t := time.NewTicker(time.Millisecond)
		defer t.Stop()
		for {
			select {
			case <-done:
				return
			case <-t.C:
				note()
			}
		}
	}()
	fn()
	note()
	close(done)
	<-stopped
	return peak
}

// BenchmarkProcess12MP processes a 12-megapixel JPEG as a headshot:
// decode, orientation, the three variants and every check. Targets: at
// most 0.6 s and 200 MB per image on one core:
//
//	go test -run '^$' -bench Process12MP -benchtime 3x -cpu 1 ./casting/media/
//
// s/image is wall time; cpu-s/image is the process's CPU time (user +
// system, the GC included), which other work on the machine does not
// inflate; peak-MB is the most heap in use during one call, the input
// JPEG and the unpacked cascades included.
func BenchmarkProcess12MP(b *testing.B) {
	data := twelveMegapixels(b)
	if _, err := photocheck.Process(bytes.NewReader(data), domain.PhotoHeadshot, photocheck.ProcessOptions{}); err != nil {
		b.Fatal(err) // also unpacks the cascades before timing
	}
	b.SetBytes(int64(len(data)))
	var peak uint64
	var wall time.Duration
	cpu := 0.0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC() // start each image from a clean heap
		c0 := cpuSeconds()
		start := time.Now()
		b.StartTimer()
		p := peakHeap(func() {
			if _, err := photocheck.Process(bytes.NewReader(data), domain.PhotoHeadshot, photocheck.ProcessOptions{}); err != nil {
				b.Fatal(err)
			}
		})
		b.StopTimer()
		wall += time.Since(start)
		if c0 < 0 {
			cpu = -1
		} else if cpu >= 0 {
			cpu += cpuSeconds() - c0
		}
		peak = max(peak, p)
		b.StartTimer()
	}
	b.ReportMetric(wall.Seconds()/float64(b.N), "s/image")
	if cpu >= 0 {
		b.ReportMetric(cpu/float64(b.N), "cpu-s/image")
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
}
