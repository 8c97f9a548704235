package photocheck_test

import (
	"bytes"
	"errors"
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
func twelveMegapixels(b testing.TB) []byte {
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
//	go test -run '^$' -bench Process12MP -benchtime 3x -cpu 1 ./domain/photocheck/
//
// s/image is wall time; cpu-s/image is the process's CPU time (user +
// system, the GC included), which other work on the machine does not
// inflate; peak-MB is the most heap in use during one call, the input
// JPEG and the unpacked cascades included; added-MB is that peak less
// the heap in use before the call (what the photo itself cost), to set
// beside est-MB, the estimate Process acquires from a Budget
// (Info.DecodeBytes and the file).
func BenchmarkProcess12MP(b *testing.B) {
	benchProcess(b, twelveMegapixels(b), domain.PhotoHeadshot, false)
}

var (
	png16Once      sync.Once
	png16Bomb      []byte // 7000×7000, refused
	png16Largest   []byte // the largest 4:3 picture the default limits let through
	png16LargestWH [2]int
)

// sixteenBitPNGs makes the two 16-bit RGBA PNGs of the benchmarks, once,
// row by row (streamPNG), so making them costs a row, not the 392 MB the
// bomb decodes to: the bomb of one grey, in about 400 KB like the file
// that took a worker to 656 MB, the largest a smooth gradient.
func sixteenBitPNGs(b *testing.B) {
	png16Once.Do(func() {
		png16Bomb = flatPNG(7000, 7000, 16, pngRGBA)
		for s := 300; ; s += 30 {
			w, h := 4*s/3, s
			if _, err := photocheck.Inspect(bytes.NewReader(pngClaiming(w, h, 16, pngRGBA)), photocheck.DefaultLimits()); err != nil {
				break
			}
			png16LargestWH = [2]int{w, h}
		}
		png16Largest = gradientPNG(png16LargestWH[0], png16LargestWH[1], 16, pngRGBA)
		b.Logf("16-bit RGBA PNGs: 7000×7000 in %d KB; the largest accepted, %d×%d, in %d KB",
			len(png16Bomb)>>10, png16LargestWH[0], png16LargestWH[1], len(png16Largest)>>10)
	})
	if png16Bomb == nil || png16Largest == nil {
		b.Fatal("the 16-bit PNGs could not be made")
	}
}

// BenchmarkProcess16BitPNG7000 is the memory bomb of issue 8, a real
// 7000×7000 16-bit RGBA PNG: Process refuses it from its header, so its
// peak is the file and the header's walk. est-MB is what decoding it
// would have taken (656 MB of heap before it was refused).
func BenchmarkProcess16BitPNG7000(b *testing.B) {
	sixteenBitPNGs(b)
	benchProcess(b, png16Bomb, domain.PhotoBook, true)
}

// BenchmarkProcess16BitPNGLargest processes the largest 4:3 16-bit RGBA
// PNG the default limits accept (the log says its size): its peak is
// what the budget allows a photo at most, and stays within 200 MB.
func BenchmarkProcess16BitPNGLargest(b *testing.B) {
	sixteenBitPNGs(b)
	benchProcess(b, png16Largest, domain.PhotoBook, false)
}

// benchProcess runs Process on data b.N times and reports the figures
// described at BenchmarkProcess12MP. refused says Process must refuse it
// for memory.
func benchProcess(b *testing.B, data []byte, kind domain.PhotoKind, refused bool) {
	run := func() {
		_, err := photocheck.Process(bytes.NewReader(data), kind, photocheck.ProcessOptions{})
		var ue *photocheck.UploadError
		switch {
		case refused && errors.As(err, &ue) && ue.Code == photocheck.CodeTooMuchMemory:
		case refused:
			b.Fatalf("Process gave %v, want a refusal for memory", err)
		case err != nil:
			b.Fatal(err)
		}
	}
	run() // also unpacks the cascades before timing
	info, err := photocheck.Inspect(bytes.NewReader(data), photocheck.Limits{MaxDecodeBytes: 1 << 40})
	if err != nil {
		b.Fatal(err)
	}
	b.SetBytes(int64(len(data)))
	var peak, added uint64
	var wall time.Duration
	cpu := 0.0
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		b.StopTimer()
		runtime.GC() // start each image from a clean heap
		base := peakHeap(func() {})
		c0 := cpuSeconds()
		start := time.Now()
		b.StartTimer()
		p := peakHeap(run)
		b.StopTimer()
		wall += time.Since(start)
		if c0 < 0 {
			cpu = -1
		} else if cpu >= 0 {
			cpu += cpuSeconds() - c0
		}
		peak, added = max(peak, p), max(added, p-min(p, base))
		b.StartTimer()
	}
	b.ReportMetric(wall.Seconds()/float64(b.N), "s/image")
	if cpu >= 0 {
		b.ReportMetric(cpu/float64(b.N), "cpu-s/image")
	}
	b.ReportMetric(float64(peak)/(1<<20), "peak-MB")
	b.ReportMetric(float64(added)/(1<<20), "added-MB")
	b.ReportMetric(float64(info.DecodeBytes+int64(len(data)))/(1<<20), "est-MB")
}
