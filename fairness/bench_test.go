package fairness

import (
	"testing"

	"github.com/skillkeepr/skillkeepr"
)

// BenchmarkCompute: the report of a job with 10,000 applications.
func BenchmarkCompute(b *testing.B) {
	rows := make([]skillkeepr.FairnessRow, 10000)
	for i := range rows {
		rows[i] = skillkeepr.FairnessRow{
			Status:             skillkeepr.ApplicationStatuses[i%len(skillkeepr.ApplicationStatuses)],
			SelfIdentification: skillkeepr.SelfIdentification{Gender: skillkeepr.GenderOptions[i%len(skillkeepr.GenderOptions)].Value, Ethnicity: skillkeepr.EthnicityOptions[i%7].Value},
		}
	}
	b.ReportAllocs()
	for b.Loop() {
		Compute(rows)
	}
}
