package lever

import (
	"bytes"
	"encoding/json"
	"fmt"
)

// envelopeKeys are the keys Lever puts beside `data` in a response envelope. An object
// whose keys are all among these (and that has `data`) is an envelope; any other object
// is a bare payload (some documentation examples and endpoints return those).
var envelopeKeys = map[string]bool{"data": true, "hasNext": true, "next": true, "deduped": true}

// envelope is what was found around a payload.
type envelope struct {
	payload json.RawMessage
	hasNext bool
	next    string
	deduped *bool
}

// unwrap peels up to two `{data: …}` envelopes (Lever's documentation shows
// `{data:{data:…}}` for some creates) and keeps paging information from the outermost
// envelope that has it.
func unwrap(body []byte) (envelope, error) {
	env := envelope{payload: bytes.TrimSpace(body)}
	seenPaging := false
	for range 3 {
		p := env.payload
		if len(p) == 0 || p[0] != '{' {
			break
		}
		var m map[string]json.RawMessage
		if err := json.Unmarshal(p, &m); err != nil {
			return env, fmt.Errorf("lever: decoding response: %w", err)
		}
		data, ok := m["data"]
		if !ok {
			break
		}
		for k := range m {
			if !envelopeKeys[k] {
				return env, nil // a bare object that happens to have a "data" key
			}
		}
		if !seenPaging {
			if raw, ok := m["hasNext"]; ok {
				_ = json.Unmarshal(raw, &env.hasNext)
				seenPaging = true
			}
			if raw, ok := m["next"]; ok {
				_ = json.Unmarshal(raw, &env.next)
			}
		}
		if raw, ok := m["deduped"]; ok && env.deduped == nil {
			var d bool
			if json.Unmarshal(raw, &d) == nil {
				env.deduped = &d
			}
		}
		env.payload = bytes.TrimSpace(data)
	}
	return env, nil
}

// decodeOne decodes a single-object response into v, accepting a bare object, `{data}`,
// `{data:{data}}` and a one-element list where an object was expected.
func decodeOne(body []byte, v any) (envelope, error) {
	env, err := unwrap(body)
	if err != nil {
		return env, err
	}
	p := env.payload
	if len(p) > 0 && p[0] == '[' {
		var items []json.RawMessage
		if err := json.Unmarshal(p, &items); err != nil {
			return env, fmt.Errorf("lever: decoding response: %w", err)
		}
		if len(items) != 1 {
			return env, fmt.Errorf("lever: decoding response: expected one object, got a list of %d", len(items))
		}
		p = items[0]
	}
	if len(p) == 0 || bytes.Equal(p, []byte("null")) {
		return env, fmt.Errorf("lever: decoding response: empty payload")
	}
	if err := json.Unmarshal(p, v); err != nil {
		return env, fmt.Errorf("lever: decoding response: %w", err)
	}
	return env, nil
}

// decodePage decodes one page of a list: `{data:[…], hasNext, next}`, a bare array, a
// double-wrapped list, or (as a documentation example has it) a single object where a
// list was expected.
func decodePage[T any](body []byte) ([]T, envelope, error) {
	env, err := unwrap(body)
	if err != nil {
		return nil, env, err
	}
	p := env.payload
	switch {
	case len(p) == 0 || bytes.Equal(p, []byte("null")):
		return nil, env, nil
	case p[0] == '{':
		var one T
		if err := json.Unmarshal(p, &one); err != nil {
			return nil, env, fmt.Errorf("lever: decoding list: %w", err)
		}
		return []T{one}, env, nil
	}
	var items []T
	if err := json.Unmarshal(p, &items); err != nil {
		return nil, env, fmt.Errorf("lever: decoding list: %w", err)
	}
	return items, env, nil
}
