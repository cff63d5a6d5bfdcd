package build

import (
	"encoding/binary"
	"encoding/json"
	"errors"
	"unsafe"

	"github.com/signpost-dev/signpost/internal/diag"
)

// The job cache's entry format: fields in a fixed order, each string or
// byte slice as a uvarint length and its bytes, each number as a uvarint
// (a signed one zig-zagged), each list as its length and its items. It is
// read once for every job of a warm build, so it is made to be cheap to
// decode (encoding/gob compiled its types again for every entry); any
// change to it needs a new jobSpace version.

func (r *jobRecord) encode() []byte {
	var b []byte
	str := func(s string) { b = binary.AppendUvarint(b, uint64(len(s))); b = append(b, s...) }
	num := func(n uint64) { b = binary.AppendUvarint(b, n) }
	strs := func(ss []string) {
		num(uint64(len(ss)))
		for _, s := range ss {
			str(s)
		}
	}
	str(r.Path)
	str(r.Source)
	strs(r.Reads)
	str(string(r.Inputs))
	str(r.DataSum)
	num(uint64(r.Len))
	str(r.GzSum)
	str(r.BrSum)
	num(uint64(r.BrQ))
	str(r.Hash)
	num(uint64(r.Size))
	str(r.CSP)
	var diags []byte
	if len(r.Diags) > 0 {
		diags, _ = json.Marshal(r.Diags) // a Diagnostic is plain data
	}
	str(string(diags))
	str(r.Dest)
	strs(r.Names)
	num(uint64(len(r.Stamps)))
	for _, s := range r.Stamps {
		num(s.Ino)
		num(s.Size)
		b = binary.AppendVarint(b, s.ModTimeNs)
		if s.Recordable {
			num(1)
		} else {
			num(0)
		}
	}
	if r.Scanned {
		num(1)
	} else {
		num(0)
	}
	strs(r.IDs)
	strs(r.Hrefs)
	return b
}

var errRecord = errors.New("not a job cache entry")

func decodeRecord(b []byte) (*jobRecord, error) {
	bad := false
	num := func() uint64 {
		n, k := binary.Uvarint(b)
		if k <= 0 {
			bad = true
			return 0
		}
		b = b[k:]
		return n
	}
	str := func() string {
		n := num()
		if bad || n > uint64(len(b)) {
			bad = true
			return ""
		}
		s := unsafe.String(unsafe.SliceData(b), n) // a view: see decodeRecords
		b = b[n:]
		return s
	}
	strs := func() []string {
		n := num()
		if bad || n > uint64(len(b)) {
			bad = true
			return nil
		}
		var ss []string
		for range n {
			ss = append(ss, str())
		}
		return ss
	}
	r := &jobRecord{}
	r.Path = str()
	r.Source = str()
	r.Reads = strs()
	r.Inputs = []byte(str())
	r.DataSum = str()
	r.Len = int(num())
	r.GzSum = str()
	r.BrSum = str()
	r.BrQ = int(num())
	r.Hash = str()
	r.Size = int(num())
	r.CSP = str()
	if d := str(); d != "" && !bad {
		var ds []diag.Diagnostic
		if json.Unmarshal([]byte(d), &ds) != nil {
			return nil, errRecord
		}
		r.Diags = ds
	}
	r.Dest = str()
	r.Names = strs()
	n := num()
	if bad || n > uint64(len(b)) {
		return nil, errRecord
	}
	for range n {
		var s fileStamp
		s.Ino, s.Size = num(), num()
		t, k := binary.Varint(b)
		if k <= 0 {
			return nil, errRecord
		}
		b = b[k:]
		s.ModTimeNs = t
		s.Recordable = num() == 1
		r.Stamps = append(r.Stamps, s)
	}
	r.Scanned = num() == 1
	r.IDs = strs()
	r.Hrefs = strs()
	if bad || len(b) != 0 || len(r.Names) != len(r.Stamps) {
		return nil, errRecord
	}
	return r, nil
}

// encodeRecords is the job cache's entry: the count, then each record with
// its length.
func encodeRecords(recs []*jobRecord) []byte { return encodeRecordsAs(recs, nil) }

// encodeRecordsAs is encodeRecords, taking the bytes of each record that
// is as it was read (pointer-equal to its entry in read) from the entry
// it was read from rather than encoding it again.
func encodeRecordsAs(recs []*jobRecord, read map[string]*jobRecord) []byte {
	// Each record's bytes first, so that the entry is made in one
	// allocation (growing it was most of the cost of saving).
	encs := make([][]byte, len(recs))
	n := binary.MaxVarintLen64
	for i, r := range recs {
		if r.raw != nil && read[r.Path] == r {
			encs[i] = r.raw
		} else {
			encs[i] = r.encode()
		}
		n += binary.MaxVarintLen64 + len(encs[i])
	}
	b := make([]byte, 0, n)
	b = binary.AppendUvarint(b, uint64(len(recs)))
	for _, e := range encs {
		b = binary.AppendUvarint(b, uint64(len(e)))
		b = append(b, e...)
	}
	return b
}

// The records' strings are views of b, not copies (b is an entry just
// read, never written to again): a warm build decodes every record of the
// site, and keeps b whole anyway for the records it saves again as they
// were (jobRecord.raw).
func decodeRecords(b []byte) ([]*jobRecord, error) {
	n, k := binary.Uvarint(b)
	if k <= 0 || n > uint64(len(b)) {
		return nil, errRecord
	}
	b = b[k:]
	recs := make([]*jobRecord, 0, n)
	for range n {
		l, k := binary.Uvarint(b)
		if k <= 0 || l > uint64(len(b)-k) {
			return nil, errRecord
		}
		r, err := decodeRecord(b[k : k+int(l)])
		if err != nil {
			return nil, err
		}
		r.raw = b[k : k+int(l)]
		recs = append(recs, r)
		b = b[k+int(l):]
	}
	if len(b) != 0 {
		return nil, errRecord
	}
	return recs, nil
}
