package partnerstack

// Order is the sort order of a list, sent as order_by: a field name,
// ascending, or the name with a "-" prefix, descending. Lists are sorted
// newest first ([OrderCreatedAtDesc]) unless told otherwise. The fields a
// list accepts differ per endpoint; each options struct's OrderBy says
// which. A value the constants do not name can be converted from a
// string: Order("-custom_field").
type Order string

// Sort orders.
const (
	// OrderCreatedAt sorts oldest first.
	OrderCreatedAt Order = "created_at"
	// OrderCreatedAtDesc sorts newest first, the default of every list.
	OrderCreatedAtDesc Order = "-created_at"
	// OrderUpdatedAt sorts least recently updated first (partnerships).
	OrderUpdatedAt Order = "updated_at"
	// OrderUpdatedAtDesc sorts most recently updated first (partnerships).
	OrderUpdatedAtDesc Order = "-updated_at"
	// OrderAmount sorts the smallest amount first (rewards).
	OrderAmount Order = "amount"
	// OrderAmountDesc sorts the largest amount first (rewards).
	OrderAmountDesc Order = "-amount"
	// OrderReadyAt sorts by the date a reward becomes payable, earliest
	// first (rewards).
	OrderReadyAt Order = "ready_at"
	// OrderReadyAtDesc sorts by the date a reward becomes payable, latest
	// first (rewards).
	OrderReadyAtDesc Order = "-ready_at"
)
