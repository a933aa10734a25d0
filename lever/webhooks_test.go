package lever

import (
	"crypto/hmac"
	"crypto/sha256"
	"encoding/hex"
	"encoding/json"
	"testing"
)

func TestWebhookSignature(t *testing.T) {
	t.Parallel()
	key := "0123456789abcdef0123456789abcdef0123456789abcdef"
	mac := hmac.New(sha256.New, []byte(key))
	mac.Write([]byte("tok-48-chars" + "1700000000123"))
	sig := hex.EncodeToString(mac.Sum(nil))
	body := `{"id":"e1","event":"candidateStageChange","triggeredAt":1700000000123,"token":"tok-48-chars","signature":"` + sig + `","data":{"opportunityId":"o1"}}`
	var d WebhookDelivery
	if err := json.Unmarshal([]byte(body), &d); err != nil {
		t.Fatal(err)
	}
	tests := []struct {
		name string
		mod  func(*WebhookDelivery)
		key  string
		want bool
	}{
		{"valid", func(*WebhookDelivery) {}, key, true},
		{"wrong key", func(*WebhookDelivery) {}, key + "x", false},
		{"tampered time", func(d *WebhookDelivery) { d.TriggeredAt = TimestampOf(d.TriggeredAt.Add(1e6)) }, key, false},
		{"tampered token", func(d *WebhookDelivery) { d.Token = "other" }, key, false},
		{"unsigned", func(d *WebhookDelivery) { d.Signature = "" }, key, false},
		{"no key", func(*WebhookDelivery) {}, "", false},
	}
	for _, tt := range tests {
		dd := d
		tt.mod(&dd)
		if got := dd.VerifySignature(tt.key); got != tt.want {
			t.Errorf("%s: %v, want %v", tt.name, got, tt.want)
		}
	}
}
