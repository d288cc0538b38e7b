// Package sources is where bytes live: the Store seam (listing and ranged
// reads) and the Registry that maps URL schemes to stores. Backends live in
// subpackages named after their scheme (sources/local for file://) and wrap
// their native errors in ErrNotExist and ErrPermission, so callers test them
// with errors.Is whatever the backend.
package sources
