package sqlstore

import (
	"testing"

	"github.com/skillkeepr/skillkeepr/fairness"
)

// BenchmarkFairnessReport: the rows and the report of one job with 10,000
// applications, half of the candidates with answers on file.
func BenchmarkFairnessReport(b *testing.B) {
	for _, engine := range TestEngines() {
		b.Run(engine, func(b *testing.B) {
			s := OpenTest(b, engine)
			o := SeedTestOrg(b, s, "Bench")
			job := SeedVolume(b, s, o, 1, 10000)[0]
			ctx := b.Context()
			if _, err := s.db.ExecContext(ctx, rebind(s.engine, `INSERT INTO candidate_self_identification (candidate_id, org_id, gender, ethnicity, updated_at)
				SELECT id, org_id, CASE WHEN id % 3 = 0 THEN 'woman' WHEN id % 3 = 1 THEN 'man' ELSE 'prefer_not_to_say' END, 'asian', 0
				FROM candidates WHERE org_id = ? AND id % 2 = 0`), o.Org.ID); err != nil {
				b.Fatal(err)
			}
			admin := o.Ctx(o.SuperAdmin)
			b.ReportAllocs()
			for b.Loop() {
				_, rows, err := s.FairnessRows(admin, job.ID)
				if err != nil {
					b.Fatal(err)
				}
				if rep := fairness.Compute(rows); rep.Considered+rep.LeftOut != 10000 {
					b.Fatalf("%d rows", rep.Considered+rep.LeftOut)
				}
			}
		})
	}
}
