package photocheck_test

import (
	"bytes"
	"compress/zlib"
	"context"
	"errors"
	"os"
	"runtime"
	"strings"
	"sync"
	"sync/atomic"
	"testing"
	"time"

	"github.com/slatecasting/slate/domain"
	"github.com/slatecasting/slate/domain/photocheck"
)

// pngClaiming is a PNG whose header says w×h pixels of the given depth
// and colour type, followed by a tiny zlib stream and IEND: a few hundred
// bytes, enough for the memory estimate, nothing a test has to decode.
func pngClaiming(w, h int, depth, ct byte) []byte {
	var b bytes.Buffer
	c := chunkWriter{&b}
	b.WriteString("\x89PNG\r\n\x1a\n")
	c.chunk("IHDR", ihdr(w, h, depth, ct, 0))
	var z bytes.Buffer
	zw := zlib.NewWriter(&z)
	zw.Write(make([]byte, 64)) // the first filter bytes and samples of a picture that never ends
	zw.Close()
	c.chunk("IDAT", z.Bytes())
	c.chunk("IEND", nil)
	return b.Bytes()
}

// jpegClaiming is a small real JPEG whose frame header is rewritten to
// say w×h, baseline or progressive: the header a big JPEG would have,
// without encoding one.
func jpegClaiming(t testing.TB, w, h int, progressive bool) []byte {
	t.Helper()
	data := jpegOf(t, photoLike(64, 48, 9), 90)
	sof := bytes.Index(data, []byte{0xFF, 0xC0})
	if sof < 0 {
		t.Fatal("no baseline frame header")
	}
	data[sof+5], data[sof+6], data[sof+7], data[sof+8] = byte(h>>8), byte(h), byte(w>>8), byte(w)
	if progressive {
		data[sof+1] = 0xC2
	}
	return data
}

// allocated is what fn allocates on the whole process's heap.
func allocated(fn func()) uint64 {
	var before, after runtime.MemStats
	runtime.ReadMemStats(&before)
	fn()
	runtime.ReadMemStats(&after)
	return after.TotalAlloc - before.TotalAlloc
}

// TestSixteenBitPNGRefusedBeforeDecoding is the 381 KB picture that took a
// worker to 656 MB: refused from its header, by Inspect at upload and by
// Process in the worker, without allocating its pixels. Not parallel: it
// reads the process-wide allocation counter.
func TestSixteenBitPNGRefusedBeforeDecoding(t *testing.T) {
	bomb := pngClaiming(7000, 7000, 16, pngRGBA)
	var inspectErr, processErr error
	var res *photocheck.Result
	if n := allocated(func() { _, inspectErr = photocheck.Inspect(bytes.NewReader(bomb), photocheck.DefaultLimits()) }); n > 1<<20 {
		t.Errorf("Inspect allocated %d bytes on the header of a 16-bit 7000×7000 PNG", n)
	}
	if n := allocated(func() {
		res, processErr = photocheck.Process(bytes.NewReader(bomb), domain.PhotoBook, photocheck.ProcessOptions{})
	}); n > 1<<20 {
		t.Errorf("Process allocated %d bytes on the header of a 16-bit 7000×7000 PNG", n)
	}
	for _, err := range []error{inspectErr, processErr} {
		ue := assertUploadError(t, err, photocheck.CodeTooMuchMemory)
		for _, says := range []string{"7000 × 7000", "16 bits", "export it as a JPEG", "180.0 MB"} {
			if !strings.Contains(ue.Message, says) {
				t.Errorf("message %q does not say %q", ue.Message, says)
			}
		}
	}
	if res != nil {
		t.Error("a refused picture returned a result")
	}
}

// The estimate refuses what is costly to decode and lets through the
// pictures people upload, of the same size class as the bomb.
func TestInspectMemoryEstimate(t *testing.T) {
	t.Parallel()
	read := func(name string) []byte {
		b, err := os.ReadFile("testdata/" + name)
		if err != nil {
			t.Fatal(err)
		}
		return b
	}
	tests := []struct {
		name string
		data []byte
		says string // "" for accepted, else a fragment of the refusal
	}{
		{"jpeg 7000×7000", jpegClaiming(t, 7000, 7000, false), ""},
		{"jpeg 50 megapixels", jpegClaiming(t, 8160, 6120, false), ""},
		{"jpeg 12 megapixels, progressive", jpegClaiming(t, 4000, 3000, true), ""},
		{"png 8-bit grey 7000×7000", pngClaiming(7000, 7000, 8, pngGray), ""},
		{"png 8-bit RGB 24 megapixels", pngClaiming(6000, 4000, 8, pngRGB), ""},
		{"png 8-bit RGBA 12 megapixels", pngClaiming(4000, 3000, 8, pngRGBA), ""},
		{"png 16-bit RGBA 10 megapixels", pngClaiming(3600, 2700, 16, pngRGBA), ""},
		{"webp lossy", read("blue-purple-pink.lossy.webp"), ""},
		{"webp lossless", read("blue-purple-pink.lossless.webp"), ""},
		{"webp with alpha", read("yellow_rose.lossy-with-alpha.webp"), ""},
		{"png 16-bit RGBA 7000×7000", pngClaiming(7000, 7000, 16, pngRGBA), "16 bits per colour"},
		{"png 16-bit grey 7000×7000", pngClaiming(7000, 7000, 16, pngGray), "16 bits per colour"},
		{"png 16-bit RGB 5000×4000", pngClaiming(5000, 4000, 16, pngRGB), "16 bits per colour"},
		{"png 8-bit RGBA 7000×7000", pngClaiming(7000, 7000, 8, pngRGBA), "or at a smaller size"},
		{"jpeg 7000×7000, progressive", jpegClaiming(t, 7000, 7000, true), "progressive JPEG"},
	}
	lim := photocheck.DefaultLimits()
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			t.Parallel()
			info, err := photocheck.Inspect(bytes.NewReader(tt.data), lim)
			if tt.says == "" {
				if err != nil {
					t.Fatal(err)
				}
				if info.DecodeBytes <= 0 || info.DecodeBytes > lim.MaxDecodeBytes {
					t.Fatalf("DecodeBytes = %d", info.DecodeBytes)
				}
				return
			}
			ue := assertUploadError(t, err, photocheck.CodeTooMuchMemory)
			if !strings.Contains(ue.Message, tt.says) || !strings.Contains(ue.Message, "upload it again") {
				t.Errorf("message %q does not say %q and what to do", ue.Message, tt.says)
			}
		})
	}
}

// MaxDecodeBytes is a limit like the others: lower it and a picture the
// defaults let through is refused, saying the limit.
func TestLowerDecodeLimit(t *testing.T) {
	t.Parallel()
	data := jpegClaiming(t, 4000, 3000, false)
	if _, err := photocheck.Inspect(bytes.NewReader(data), photocheck.Limits{}); err != nil {
		t.Fatal(err)
	}
	lim := photocheck.Limits{MaxDecodeBytes: 10 << 20}
	_, err := photocheck.Inspect(bytes.NewReader(data), lim)
	if ue := assertUploadError(t, err, photocheck.CodeTooMuchMemory); !strings.Contains(ue.Message, "10.0 MB") {
		t.Errorf("message %q does not say the limit", ue.Message)
	}
	if got := lim.PhotoMemory(); got != photocheck.DefaultMaxBytes+10<<20 {
		t.Errorf("PhotoMemory = %d", got)
	}
	if got := photocheck.DefaultLimits().PhotoMemory(); got != 200<<20 {
		t.Errorf("default PhotoMemory = %d, want 200 MB", got)
	}
}

// Two acquisitions that do not fit the budget together wait for each
// other; two that fit run side by side.
func TestBudget(t *testing.T) {
	t.Parallel()
	ctx := context.Background()
	t.Run("over the budget, one at a time", func(t *testing.T) {
		t.Parallel()
		b := photocheck.NewBudget(100)
		var holding, most atomic.Int32
		var wg sync.WaitGroup
		for range 2 {
			wg.Go(func() {
				release, err := b.Acquire(ctx, 60)
				if err != nil {
					t.Error(err)
					return
				}
				n := holding.Add(1)
				for m := most.Load(); n > m && !most.CompareAndSwap(m, n); m = most.Load() {
				}
				time.Sleep(20 * time.Millisecond) // long enough for the other to try
				holding.Add(-1)
				release()
			})
		}
		wg.Wait()
		if most.Load() != 1 {
			t.Fatalf("%d acquisitions of 60 held a budget of 100 at once", most.Load())
		}
	})
	t.Run("the second waits until the first releases", func(t *testing.T) {
		t.Parallel()
		b := photocheck.NewBudget(100)
		release, err := b.Acquire(ctx, 60)
		if err != nil {
			t.Fatal(err)
		}
		short, cancel := context.WithTimeout(ctx, 30*time.Millisecond)
		defer cancel()
		if _, err := b.Acquire(short, 60); !errors.Is(err, context.DeadlineExceeded) {
			t.Fatalf("a second 60 on a budget of 100 gave %v, want it to wait until the deadline", err)
		}
		got := make(chan error, 1)
		go func() {
			r, err := b.Acquire(ctx, 60)
			if err == nil {
				r()
			}
			got <- err
		}()
		release()
		release() // twice is harmless
		if err := <-got; err != nil {
			t.Fatal(err)
		}
	})
	t.Run("within the budget, side by side", func(t *testing.T) {
		t.Parallel()
		b := photocheck.NewBudget(100)
		short, cancel := context.WithTimeout(ctx, 5*time.Second)
		defer cancel()
		r1, err1 := b.Acquire(short, 40)
		r2, err2 := b.Acquire(short, 40)
		if err1 != nil || err2 != nil {
			t.Fatal(err1, err2)
		}
		r1()
		r2()
	})
	t.Run("larger than the budget runs alone", func(t *testing.T) {
		t.Parallel()
		b := photocheck.NewBudget(100)
		r, err := b.Acquire(ctx, 1000)
		if err != nil {
			t.Fatal(err)
		}
		r()
	})
	t.Run("nil allows everything", func(t *testing.T) {
		t.Parallel()
		var b *photocheck.Budget
		r, err := b.Acquire(ctx, 1<<40)
		if err != nil {
			t.Fatal(err)
		}
		r()
	})
}

// ProcessContext takes the photo's estimate from the budget: while the
// budget is held elsewhere it waits, and gives up with a retryable error
// when its context ends; once the budget is free it processes the photo
// and gives the memory back.
func TestProcessWaitsForTheBudget(t *testing.T) {
	t.Parallel()
	data := jpegOf(t, photoLike(800, 1000, 2), 90)
	info, err := photocheck.Inspect(bytes.NewReader(data), photocheck.DefaultLimits())
	if err != nil {
		t.Fatal(err)
	}
	b := photocheck.NewBudget(info.DecodeBytes + int64(len(data)))
	hold, err := b.Acquire(context.Background(), 1)
	if err != nil {
		t.Fatal(err)
	}
	opt := photocheck.ProcessOptions{Budget: b}
	short, cancel := context.WithTimeout(context.Background(), 30*time.Millisecond)
	defer cancel()
	_, err = photocheck.ProcessContext(short, bytes.NewReader(data), domain.PhotoBook, opt)
	if !errors.Is(err, context.DeadlineExceeded) || photocheck.IsPermanent(err) {
		t.Fatalf("with the budget held, ProcessContext gave %v: want a retryable deadline error", err)
	}
	hold()
	for range 2 { // the second finds the budget the first gave back
		if _, err := photocheck.ProcessContext(context.Background(), bytes.NewReader(data), domain.PhotoBook, opt); err != nil {
			t.Fatal(err)
		}
	}
}
