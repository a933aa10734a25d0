package password

import "testing"

func TestHashVerify(t *testing.T) {
	t.Parallel()
	cheap := Params{Time: 1, Memory: 64, Threads: 1}
	h, err := HashWith(cheap, "correct horse")
	if err != nil {
		t.Fatal(err)
	}
	h2, _ := HashWith(cheap, "correct horse")
	if h == h2 {
		t.Fatal("two hashes of one password are equal: salt missing")
	}
	tests := []struct {
		name, hash, pw string
		ok             bool
		wantErr        bool
	}{
		{"right password", h, "correct horse", true, false},
		{"wrong password", h, "correct horsE", false, false},
		{"empty password", h, "", false, false},
		{"malformed hash", "$argon2id$nonsense", "x", false, true},
		{"other algorithm", "$2a$10$abcdefghijklmnopqrstuv", "x", false, true},
		{"absurd cost", "$argon2id$v=19$m=99999999,t=1,p=1$c2FsdA$a2V5", "x", false, true},
	}
	for _, tt := range tests {
		ok, err := Verify(tt.hash, tt.pw)
		if ok != tt.ok || (err != nil) != tt.wantErr {
			t.Errorf("%s: Verify = %v, %v; want %v, err %v", tt.name, ok, err, tt.ok, tt.wantErr)
		}
	}
}

func FuzzVerify(f *testing.F) {
	f.Add("$argon2id$v=19$m=64,t=1,p=1$c2FsdHNhbHQ$a2V5a2V5", "pw")
	f.Fuzz(func(t *testing.T, hash, pw string) {
		_, _ = Verify(hash, pw) // must never panic
	})
}
