// Package storetest is the conformance suite every sources.Store runs, so
// that local disk, S3 and GCS behave the same way to the code above them.
//
// A store's test implements Backend, which writes fixtures where the store
// will find them, and calls Run:
//
//	type backend struct{ dir string }
//
//	func (b backend) Store() sources.Store   { return local.New() }
//	func (b backend) URL(key string) string  { return local.URL(filepath.Join(b.dir, key)) }
//	func (b backend) Put(t *testing.T, key string, data []byte) { ... os.WriteFile ... }
//
//	func TestConformance(t *testing.T) {
//		storetest.Run(t, backend{dir: t.TempDir()})
//	}
//
// Optional capabilities are found by interface checks: Remover (delete an
// object behind the store's back), Denier (make one object unreadable) and
// KeyCounter (how many keys the pagination test writes). A test whose
// capability is missing is skipped with a message saying so.
//
// The suite pins down what the Store contract in package sources leaves to
// each store:
//
//   - A root names an object or a folder. A root equal to an object's key
//     lists that object alone; otherwise it lists the objects whose keys
//     start with root + "/", so ".../data" never lists ".../database.csv".
//   - Objects come in byte-wise lexicographic order of their keys, each
//     once, with URL (as the store prints it), Size, a non-empty Version
//     and a Modified time.
//   - A root with nothing under it (a missing directory, prefix or bucket)
//     yields one root error (an empty Object) that wraps
//     sources.ErrNotExist, and nothing else. An empty local directory,
//     which exists, lists nothing.
//   - A cancelled context ends a listing: after the cancel, no more
//     objects, at most one error, and it wraps context.Canceled.
//   - Handles keep the io.ReaderAt contract, exactly: a read that reaches
//     the end returns the bytes that exist with io.EOF itself (not
//     wrapped), a zero-length read returns 0 and no error other than
//     io.EOF, a negative offset is an error.
//   - An object removed after it was listed fails with an error wrapping
//     sources.ErrNotExist, at Open or at the first ReadAt: stores that
//     trust the listing's size and version do not contact the store in
//     Open. The same holds for sources.ErrPermission.
//
// Fixtures are random bytes from a seeded generator (the seed is logged),
// never anything that looks like a sensitive value.
package storetest
