package storetest

import (
	"bytes"
	"encoding/json"
	"fmt"
	"net/http"
	"os"
	"sync/atomic"
	"testing"
)

var proxySeq atomic.Int64

// Proxy is a toxiproxy proxy in front of a test server, which the
// server scripts/testservers.sh starts (RESIDUE_TEST_TOXIPROXY names its
// API). Without it the test is skipped, unless RESIDUE_REQUIRE_SERVERS=1
// (make test), where it fails.
type Proxy struct {
	t    *testing.T
	api  string
	name string
	// Addr is the proxy's host:port.
	Addr string
}

// NewProxy puts a proxy in front of upstream (host:port) with the given
// toxics; it is removed when t ends.
func NewProxy(t *testing.T, upstream string, toxics ...map[string]any) *Proxy {
	t.Helper()
	api := os.Getenv("RESIDUE_TEST_TOXIPROXY")
	if api == "" {
		if os.Getenv("RESIDUE_REQUIRE_SERVERS") == "1" {
			t.Fatal("RESIDUE_TEST_TOXIPROXY is unset: start the servers with scripts/testservers.sh")
		}
		t.Skip("no toxiproxy: run scripts/testservers.sh start DIR and source DIR/env (make test does)")
	}
	p := &Proxy{t: t, api: api, name: fmt.Sprintf("residue-%d-%d", os.Getpid(), proxySeq.Add(1))}
	out := p.call("POST", "/proxies", map[string]any{"name": p.name, "listen": "127.0.0.1:0", "upstream": upstream, "enabled": true})
	p.Addr, _ = out["listen"].(string)
	t.Cleanup(func() {
		req, _ := http.NewRequest("DELETE", "http://"+api+"/proxies/"+p.name, nil)
		if resp, err := http.DefaultClient.Do(req); err == nil {
			resp.Body.Close()
		}
	})
	for _, tx := range toxics {
		p.AddToxic(tx)
	}
	return p
}

// AddToxic adds a toxic (toxiproxy's JSON: type, stream, toxicity,
// attributes) to the proxy.
func (p *Proxy) AddToxic(tx map[string]any) {
	p.t.Helper()
	p.call("POST", "/proxies/"+p.name+"/toxics", tx)
}

func (p *Proxy) call(method, path string, body any) map[string]any {
	p.t.Helper()
	b, _ := json.Marshal(body)
	req, _ := http.NewRequest(method, "http://"+p.api+path, bytes.NewReader(b))
	req.Header.Set("Content-Type", "application/json")
	resp, err := http.DefaultClient.Do(req)
	if err != nil {
		p.t.Fatal(err)
	}
	defer resp.Body.Close()
	var out map[string]any
	json.NewDecoder(resp.Body).Decode(&out)
	if resp.StatusCode >= 300 {
		p.t.Fatalf("toxiproxy %s %s: %s %v", method, path, resp.Status, out)
	}
	return out
}
