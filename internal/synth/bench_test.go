package synth

import (
	"io"
	"testing"
)

func BenchmarkWriteJSONLBytesProse(b *testing.B) { benchJSONL(b, ProseJSONL) }

func BenchmarkWriteJSONLBytesChat(b *testing.B) { benchJSONL(b, ChatJSONL) }

func benchJSONL(b *testing.B, k Kind) {
	const size = 64 << 20
	b.SetBytes(size)
	for i := 0; b.Loop(); i++ {
		if _, err := WriteJSONLBytes(io.Discard, size, Spec{Kind: k, Seed: uint64(i)}, nil); err != nil {
			b.Fatal(err)
		}
	}
}

func BenchmarkProse(b *testing.B) {
	const size = 16 << 20
	b.SetBytes(size)
	for i := 0; b.Loop(); i++ {
		Prose(size, uint64(i))
	}
}

func BenchmarkDense(b *testing.B) {
	const size = 16 << 20
	b.SetBytes(size)
	for i := 0; b.Loop(); i++ {
		Dense(size, uint64(i))
	}
}
