module github.com/skillkeepr/skillkeepr

go 1.26
