//go:build !amd64 || purego

package classify

const vecPrepass = false

func prepassWork(text []byte, full int, pad []byte, heads *[headsLen]uint8, m *marks, first int, carry *uint32, out []blockWork) []blockWork {
	panic("classify: no vector prepass on this platform")
}
