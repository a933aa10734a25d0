package web

import "testing"

func FuzzParseLeverWebhook(f *testing.F) {
	f.Add([]byte(`{"id":"e1","event":"candidateStageChange","triggeredAt":1700000000000,"token":"t","signature":"ab","data":{"opportunityId":"o1","toStageId":"s"}}`))
	f.Add([]byte(`{"id":"e1","event":"candidateDeleted","triggeredAt":"1700000000000","token":"t","signature":"ab","data":null}`))
	f.Add([]byte(`{"id":"e1","event":"x","triggeredAt":1,"token":"t","signature":"ab","data":{"opportunityId":5}}`))
	f.Add([]byte(`{"id":`))
	f.Add([]byte(`[]`))
	f.Fuzz(func(t *testing.T, body []byte) {
		d, opp, err := ParseLeverWebhook(body)
		if err != nil {
			if d != nil || opp != "" {
				t.Fatalf("error %v with a result", err)
			}
			return
		}
		if d.ID == "" || d.Event == "" || d.Token == "" || d.Signature == "" || d.TriggeredAt.IsZero() {
			t.Fatalf("accepted an incomplete delivery %+v", d)
		}
		_ = d.VerifySignature("key")
	})
}
