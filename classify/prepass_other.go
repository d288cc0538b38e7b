//go:build !amd64 || purego

package classify

const vecPrepass = false

func prepassMasks(text []byte, full int, pad []byte, heads *[headsLen]uint8, out []blockMask) {
	panic("classify: no vector prepass on this platform")
}
