package firstpromoter

type PromotersService service
type CommissionsService service
type PayoutsService service
type TrackingService service
