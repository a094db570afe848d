package firstpromoter

import (
	"encoding/json"

	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// sent returns the Amount a record decodes from the JSON token text when
// the field is kept as sent.
func sent(text string) Amount {
	var a Amount
	if err := json.Unmarshal([]byte(text), &a); err != nil {
		panic(err)
	}
	return a
}

// sentCents returns the Amount a record decodes from the JSON token text
// of a cents field.
func sentCents(text string) Amount {
	a := sent(text)
	if err := money.ToMinorUnits(2, &a); err != nil {
		panic(err)
	}
	return a
}

// cents returns n cents built in code, as a caller fills params.
func cents(n int64) Amount {
	a, err := AmountFromMinorUnits(n, 2, "")
	if err != nil {
		panic(err)
	}
	return a
}

// dec returns decimal text built in code, as a caller fills params.
func dec(text string) Amount {
	a, err := ParseAmount(text, "")
	if err != nil {
		panic(err)
	}
	return a
}
