package firstpromoter_test

import (
	"encoding/json"

	"github.com/affiliatekit/affiliatekit-go/firstpromoter"
	"github.com/affiliatekit/affiliatekit-go/internal/money"
)

// sent returns the Amount a record decodes from the JSON token text when
// the field is kept as sent.
func sent(text string) firstpromoter.Amount {
	var a firstpromoter.Amount
	if err := json.Unmarshal([]byte(text), &a); err != nil {
		panic(err)
	}
	return a
}

// sentCents returns the Amount a record decodes from the JSON token text
// of a cents field.
func sentCents(text string) firstpromoter.Amount {
	a := sent(text)
	if err := money.ToMinorUnits(2, &a); err != nil {
		panic(err)
	}
	return a
}

// cents returns n cents built in code, as a caller fills params.
func cents(n int64) firstpromoter.Amount {
	a, err := firstpromoter.AmountFromMinorUnits(n, 2, "")
	if err != nil {
		panic(err)
	}
	return a
}

// dec returns decimal text built in code, as a caller fills params.
func dec(text string) firstpromoter.Amount {
	a, err := firstpromoter.ParseAmount(text, "")
	if err != nil {
		panic(err)
	}
	return a
}
