package api

import (
	"encoding/json"
	"fmt"
	"net/http"
	"reflect"
)

// list is the body of every list answer.
type list[T any] struct {
	Data  []T `json:"data"`
	Total int `json:"total"`
}

func newList[T any](data []T, total int) *list[T] {
	if data == nil {
		data = []T{}
	}
	return &list[T]{Data: data, Total: total}
}

// writeJSON answers v with status. Nil slices and maps are sent as empty
// lists and objects, so that clients never see null where the document
// promises an array.
func writeJSON(w http.ResponseWriter, status int, v any) error {
	fillNil(reflect.ValueOf(v))
	b, err := json.Marshal(v)
	if err != nil {
		return fmt.Errorf("api: encode response: %w", err)
	}
	w.Header().Set("Content-Type", "application/json; charset=utf-8")
	w.WriteHeader(status)
	_, _ = w.Write(append(b, '\n'))
	return nil
}

// fillNil replaces nil slices and maps reachable from v by empty ones.
func fillNil(v reflect.Value) {
	switch v.Kind() {
	case reflect.Pointer, reflect.Interface:
		if !v.IsNil() {
			fillNil(v.Elem())
		}
	case reflect.Struct:
		if v.Type() == timeType {
			return
		}
		for i := 0; i < v.NumField(); i++ {
			f := v.Field(i)
			if !v.Type().Field(i).IsExported() {
				continue
			}
			if f.CanSet() && f.IsZero() {
				switch f.Kind() {
				case reflect.Slice:
					f.Set(reflect.MakeSlice(f.Type(), 0, 0))
				case reflect.Map:
					f.Set(reflect.MakeMap(f.Type()))
				}
			}
			fillNil(f)
		}
	case reflect.Slice, reflect.Array:
		for i := 0; i < v.Len(); i++ {
			fillNil(v.Index(i))
		}
	}
}
