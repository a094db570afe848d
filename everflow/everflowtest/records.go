package everflowtest

import (
	"encoding/json"
	"time"

	"github.com/affiliatekit/affiliatekit-go/everflow"
)

// The records of the fake, with Everflow's JSON names and the client's
// types: time.Time for the timestamps, the client's enums
// ([everflow.AccountStatus], [everflow.OfferStatus], ...) and
// [everflow.Amount] for money. They render (and json.Marshal them) in
// Everflow's wire format: integer ids, string click and conversion ids,
// unix seconds (0 for the zero time) and money as JSON numbers in full
// currency units.

// Network is the answer of GET /networks.
type Network struct {
	NetworkID           int64     `json:"network_id"`
	Name                string    `json:"name"`
	Status              string    `json:"status"`
	DefaultCurrencyID   string    `json:"default_currency_id"`
	ReportingTimezoneID int       `json:"reporting_timezone_id"`
	TimeCreated         time.Time `json:"time_created"`
	TimeSaved           time.Time `json:"time_saved"`
}

// Timezone is an entry of GET /meta/timezones.
type Timezone struct {
	TimezoneID   int    `json:"timezone_id"`
	TimezoneName string `json:"timezone_name"`
	Timezone     string `json:"timezone"`
	UTCOffset    string `json:"utc_offset"`
}

// Affiliate is a partner as GET /networks/affiliates/{id} renders it. The
// write-only and relationship-only parts (billing, users, contact
// address) are kept beside it and shown under "relationship" when asked
// for.
type Affiliate struct {
	NetworkAffiliateID           int64                  `json:"network_affiliate_id"`
	NetworkID                    int64                  `json:"network_id"`
	Name                         string                 `json:"name"`
	AccountStatus                everflow.AccountStatus `json:"account_status"`
	NetworkEmployeeID            int64                  `json:"network_employee_id"`
	InternalNotes                string                 `json:"internal_notes"`
	HasNotifications             bool                   `json:"has_notifications"`
	NetworkTrafficSourceID       int64                  `json:"network_traffic_source_id"`
	AccountExecutiveID           int64                  `json:"account_executive_id"`
	AdressID                     int64                  `json:"adress_id"`
	DefaultCurrencyID            string                 `json:"default_currency_id"`
	IsContactAddressEnabled      bool                   `json:"is_contact_address_enabled"`
	EnableMediaCostTrackingLinks bool                   `json:"enable_media_cost_tracking_links"`
	TimeCreated                  time.Time              `json:"time_created"`
	TimeSaved                    time.Time              `json:"time_saved"`
	ReferrerID                   int64                  `json:"referrer_id"`
	// NetworkAffiliateTierID and Labels are rendered inside
	// "relationship" (relationship.network_affiliate_tier_id and
	// relationship.labels {total, entries}), where Everflow's reference
	// examples show them, not at the top level.
	NetworkAffiliateTierID int64    `json:"-"`
	Labels                 []string `json:"-"`

	Billing        *Billing        `json:"-"`
	ContactAddress *ContactAddress `json:"-"`
	Users          []AffiliateUser `json:"-"`
}

// Billing is an affiliate's billing block (write-only on the real API).
type Billing struct {
	BillingFrequency string          `json:"billing_frequency"`
	PaymentType      string          `json:"payment_type"`
	Details          *BillingDetails `json:"details,omitempty"`
}

// BillingDetails are a billing frequency's settings.
type BillingDetails struct {
	DayOfMonth int `json:"day_of_month,omitempty"`
}

// ContactAddress is an affiliate's address.
type ContactAddress struct {
	Address1      string `json:"address_1"`
	Address2      string `json:"address_2"`
	City          string `json:"city"`
	RegionCode    string `json:"region_code"`
	CountryCode   string `json:"country_code"`
	ZipPostalCode string `json:"zip_postal_code"`
}

// AffiliateUser is a login of an affiliate.
type AffiliateUser struct {
	NetworkAffiliateUserID int64                  `json:"network_affiliate_user_id"`
	FirstName              string                 `json:"first_name"`
	LastName               string                 `json:"last_name"`
	Email                  string                 `json:"email"`
	AccountStatus          everflow.AccountStatus `json:"account_status"`
	Title                  string                 `json:"title"`
	LanguageID             int                    `json:"language_id"`
	TimezoneID             int                    `json:"timezone_id"`
	CurrencyID             string                 `json:"currency_id"`
	TimeCreated            time.Time              `json:"time_created"`
	TimeSaved              time.Time              `json:"time_saved"`
}

// Employee is a network employee (account manager).
type Employee struct {
	NetworkEmployeeID int64  `json:"-"`
	FirstName         string `json:"first_name"`
	LastName          string `json:"last_name"`
	Email             string `json:"email"`
	WorkPhone         string `json:"work_phone"`
	CellPhone         string `json:"cell_phone"`
	// InstantMessagingID and InstantMessagingIdentifier name a chat
	// account.
	InstantMessagingID         int64  `json:"instant_messaging_id"`
	InstantMessagingIdentifier string `json:"instant_messaging_identifier"`
}

// Offer is an offer as GET /networks/offers/{id} renders it.
type Offer struct {
	NetworkOfferID                    int64                `json:"network_offer_id"`
	NetworkID                         int64                `json:"network_id"`
	NetworkAdvertiserID               int64                `json:"network_advertiser_id"`
	NetworkOfferGroupID               int64                `json:"network_offer_group_id"`
	Name                              string               `json:"name"`
	ThumbnailURL                      string               `json:"thumbnail_url"`
	NetworkCategoryID                 int64                `json:"network_category_id"`
	InternalNotes                     string               `json:"internal_notes"`
	DestinationURL                    string               `json:"destination_url"`
	PreviewURL                        string               `json:"preview_url"`
	OfferStatus                       everflow.OfferStatus `json:"offer_status"`
	CurrencyID                        string               `json:"currency_id"`
	CapsTimezoneID                    int                  `json:"caps_timezone_id"`
	ProjectID                         string               `json:"project_id"`
	DateLiveUntil                     string               `json:"date_live_until"`
	HTMLDescription                   string               `json:"html_description"`
	Visibility                        everflow.Visibility  `json:"visibility"`
	IsCapsEnabled                     bool                 `json:"is_caps_enabled"`
	NetworkTrackingDomainID           int64                `json:"network_tracking_domain_id"`
	DailyConversionCap                int64                `json:"daily_conversion_cap"`
	WeeklyConversionCap               int64                `json:"weekly_conversion_cap"`
	MonthlyConversionCap              int64                `json:"monthly_conversion_cap"`
	GlobalConversionCap               int64                `json:"global_conversion_cap"`
	DailyPayoutCap                    everflow.Amount      `json:"daily_payout_cap"`
	WeeklyPayoutCap                   everflow.Amount      `json:"weekly_payout_cap"`
	MonthlyPayoutCap                  everflow.Amount      `json:"monthly_payout_cap"`
	GlobalPayoutCap                   everflow.Amount      `json:"global_payout_cap"`
	DailyRevenueCap                   everflow.Amount      `json:"daily_revenue_cap"`
	WeeklyRevenueCap                  everflow.Amount      `json:"weekly_revenue_cap"`
	MonthlyRevenueCap                 everflow.Amount      `json:"monthly_revenue_cap"`
	GlobalRevenueCap                  everflow.Amount      `json:"global_revenue_cap"`
	DailyClickCap                     int64                `json:"daily_click_cap"`
	WeeklyClickCap                    int64                `json:"weekly_click_cap"`
	MonthlyClickCap                   int64                `json:"monthly_click_cap"`
	GlobalClickCap                    int64                `json:"global_click_cap"`
	ConversionMethod                  string               `json:"conversion_method"`
	RedirectMode                      string               `json:"redirect_mode"`
	SessionDefinition                 string               `json:"session_definition"`
	SessionDuration                   int                  `json:"session_duration"`
	AttributionMethod                 string               `json:"attribution_method"`
	IsDescriptionPlainText            bool                 `json:"is_description_plain_text"`
	IsUseDirectLinking                bool                 `json:"is_use_direct_linking"`
	AppIdentifier                     string               `json:"app_identifier"`
	IsUsingExplicitTermsAndConditions bool                 `json:"is_using_explicit_terms_and_conditions"`
	TermsAndConditions                string               `json:"terms_and_conditions"`
	IsForceTermsAndConditions         bool                 `json:"is_force_terms_and_conditions"`
	IsUsingSuppressionList            bool                 `json:"is_using_suppression_list"`
	SuppressionListID                 int64                `json:"suppression_list_id"`
	TimeCreated                       time.Time            `json:"time_created"`
	TimeSaved                         time.Time            `json:"time_saved"`

	// Payout and Revenue are the offer's base amounts per conversion
	// (built with [everflow.ParseAmount]),
	// used to generate conversions; Labels feed the table filter.
	Payout  everflow.Amount `json:"-"`
	Revenue everflow.Amount `json:"-"`
	Labels  []string        `json:"-"`
	// AffiliateVisibility holds the affiliates with an explicit
	// visibility on the offer (visible, hidden or rejected), served by
	// networks/offers/{id}/visibility.
	AffiliateVisibility map[int64]everflow.AffiliateVisibility `json:"-"`
	// Written holds the members an offer create or update sent that the
	// fields above do not take as typed values: the cap amounts, kept as
	// the JSON numbers sent, and members this fake does not model. They
	// are rendered over the fields of the same name.
	Written map[string]json.RawMessage `json:"-"`
	// PayoutRevenueEntries, when set by a create or update, are the
	// entries of the payout_revenue relationship, as sent (with the ids
	// the fake assigned); otherwise one base entry is derived from Payout
	// and Revenue.
	PayoutRevenueEntries []map[string]json.RawMessage `json:"-"`
}

// PayoutRevenue is an entry of an offer's payout_revenue relationship,
// with the members of Everflow's example of that object. Amounts are
// JSON numbers in full currency units.
type PayoutRevenue struct {
	NetworkOfferPayoutRevenueID    int64           `json:"network_offer_payout_revenue_id"`
	NetworkID                      int64           `json:"network_id"`
	NetworkOfferID                 int64           `json:"network_offer_id"`
	EntryName                      string          `json:"entry_name"`
	PayoutType                     string          `json:"payout_type"`
	PayoutAmount                   everflow.Amount `json:"payout_amount"`
	PayoutPercentage               json.Number     `json:"payout_percentage"`
	RevenueType                    string          `json:"revenue_type"`
	RevenueAmount                  everflow.Amount `json:"revenue_amount"`
	RevenuePercentage              json.Number     `json:"revenue_percentage"`
	IsDefault                      bool            `json:"is_default"`
	IsPrivate                      bool            `json:"is_private"`
	IsPostbackDisabled             bool            `json:"is_postback_disabled"`
	IsEnforceCaps                  bool            `json:"is_enforce_caps"`
	TimeCreated                    time.Time       `json:"time_created"`
	GlobalAdvertiserEventID        int64           `json:"global_advertiser_event_id"`
	IsMustApproveConversion        bool            `json:"is_must_approve_conversion"`
	IsAllowDuplicateConversion     bool            `json:"is_allow_duplicate_conversion"`
	IsEmailAttributionDefaultEvent bool            `json:"is_email_attribution_default_event"`
}

// OfferRef is the offer object nested in reports and postbacks.
type OfferRef struct {
	NetworkOfferID          int64                `json:"network_offer_id"`
	NetworkID               int64                `json:"network_id"`
	NetworkAdvertiserID     int64                `json:"network_advertiser_id"`
	NetworkOfferGroupID     int64                `json:"network_offer_group_id"`
	Name                    string               `json:"name"`
	OfferStatus             everflow.OfferStatus `json:"offer_status"`
	NetworkTrackingDomainID int64                `json:"network_tracking_domain_id"`
	Visibility              everflow.Visibility  `json:"visibility"`
	CurrencyID              string               `json:"currency_id"`
}

// AffiliateRef is the affiliate object nested in reports and postbacks.
type AffiliateRef struct {
	NetworkAffiliateID     int64                  `json:"network_affiliate_id"`
	NetworkID              int64                  `json:"network_id"`
	Name                   string                 `json:"name"`
	AccountStatus          everflow.AccountStatus `json:"account_status"`
	NetworkTrafficSourceID int64                  `json:"network_traffic_source_id"`
}

// AdvertiserRef is the advertiser object nested in reports.
type AdvertiserRef struct {
	NetworkAdvertiserID int64  `json:"network_advertiser_id"`
	Name                string `json:"name"`
}

// Conversion is a row of the raw conversion report.
type Conversion struct {
	ConversionID                string                    `json:"conversion_id"`
	ConversionUnixTimestamp     time.Time                 `json:"conversion_unix_timestamp"`
	ClickUnixTimestamp          time.Time                 `json:"click_unix_timestamp"`
	TransactionID               string                    `json:"transaction_id"`
	Status                      everflow.ConversionStatus `json:"status"`
	PayoutType                  string                    `json:"payout_type"`
	RevenueType                 string                    `json:"revenue_type"`
	Payout                      everflow.Amount           `json:"payout"`
	Revenue                     everflow.Amount           `json:"revenue"`
	SaleAmount                  everflow.Amount           `json:"sale_amount"`
	CurrencyID                  string                    `json:"currency_id"`
	IsEvent                     bool                      `json:"is_event"`
	Event                       string                    `json:"event"`
	NetworkOfferPayoutRevenueID int64                     `json:"network_offer_payout_revenue_id"`
	Sub1                        string                    `json:"sub1"`
	Sub2                        string                    `json:"sub2"`
	Sub3                        string                    `json:"sub3"`
	Sub4                        string                    `json:"sub4"`
	Sub5                        string                    `json:"sub5"`
	SourceID                    string                    `json:"source_id"`
	Adv1                        string                    `json:"adv1"`
	Adv2                        string                    `json:"adv2"`
	Adv3                        string                    `json:"adv3"`
	Adv4                        string                    `json:"adv4"`
	Adv5                        string                    `json:"adv5"`
	OrderID                     string                    `json:"order_id"`
	CouponCode                  string                    `json:"coupon_code"`
	Email                       string                    `json:"email"`
	SessionUserIP               string                    `json:"session_user_ip"`
	ConversionUserIP            string                    `json:"conversion_user_ip"`
	Country                     string                    `json:"country"`
	Region                      string                    `json:"region"`
	City                        string                    `json:"city"`
	DMA                         int                       `json:"dma"`
	Carrier                     string                    `json:"carrier"`
	Platform                    string                    `json:"platform"`
	OSVersion                   string                    `json:"os_version"`
	DeviceType                  string                    `json:"device_type"`
	DeviceModel                 string                    `json:"device_model"`
	Brand                       string                    `json:"brand"`
	Browser                     string                    `json:"browser"`
	Language                    string                    `json:"language"`
	HTTPUserAgent               string                    `json:"http_user_agent"`
	ISP                         string                    `json:"isp"`
	Referer                     string                    `json:"referer"`
	URL                         string                    `json:"url"`
	IsScrub                     bool                      `json:"is_scrub"`
	IsViewThrough               bool                      `json:"is_view_through"`
	ErrorCode                   int                       `json:"error_code"`
	ErrorMessage                string                    `json:"error_message"`
	Notes                       string                    `json:"notes"`
	PreviousNetworkOfferID      int64                     `json:"previous_network_offer_id"`
	Relationship                struct {
		Offer      *OfferRef      `json:"offer"`
		Affiliate  *AffiliateRef  `json:"affiliate"`
		Advertiser *AdvertiserRef `json:"advertiser"`
	} `json:"relationship"`
}

// Geolocation is where a click came from.
type Geolocation struct {
	CountryCode string `json:"country_code"`
	CountryName string `json:"country_name"`
	RegionName  string `json:"region_name"`
	CityName    string `json:"city_name"`
	DMA         int    `json:"dma"`
	IsProxy     bool   `json:"is_proxy"`
}

// Click is a row of the raw click stream. IsUnique is sent as 0/1, as the
// network report sends it.
type Click struct {
	TransactionID string          `json:"transaction_id"`
	IsUnique      bool            `json:"is_unique" wire:"01"`
	UnixTimestamp time.Time       `json:"unix_timestamp"`
	TrackingURL   string          `json:"tracking_url"`
	SourceID      string          `json:"source_id"`
	Sub1          string          `json:"sub1"`
	Sub2          string          `json:"sub2"`
	Sub3          string          `json:"sub3"`
	Sub4          string          `json:"sub4"`
	Sub5          string          `json:"sub5"`
	PayoutType    string          `json:"payout_type"`
	RevenueType   string          `json:"revenue_type"`
	Payout        everflow.Amount `json:"payout"`
	Revenue       everflow.Amount `json:"revenue"`
	Referer       string          `json:"referer"`
	UserIP        string          `json:"user_ip"`
	ErrorCode     int             `json:"error_code"`
	ErrorMessage  string          `json:"error_message"`
	IsViewThrough bool            `json:"is_view_through"`
	IsTestMode    bool            `json:"is_test_mode"`
	HasConversion bool            `json:"has_conversion"`
	IsPassThrough bool            `json:"is_pass_through"`
	IsSDKClick    bool            `json:"is_sdk_click"`
	CreativeID    int64           `json:"creative_id"`
	CouponCode    string          `json:"coupon_code"`
	CurrencyID    string          `json:"currency_id"`
	Relationship  struct {
		Offer       *OfferRef      `json:"offer"`
		Advertiser  *AdvertiserRef `json:"advertiser"`
		Affiliate   *AffiliateRef  `json:"affiliate"`
		Geolocation *Geolocation   `json:"geolocation"`
	} `json:"relationship"`
}

// Pixel is a partner postback configuration.
type Pixel struct {
	NetworkPixelID              int64                   `json:"network_pixel_id"`
	NetworkID                   int64                   `json:"network_id"`
	NetworkAffiliateID          int64                   `json:"network_affiliate_id"`
	NetworkOfferID              int64                   `json:"network_offer_id"`
	NetworkOfferPayoutRevenueID int64                   `json:"network_offer_payout_revenue_id"`
	DeliveryMethod              everflow.DeliveryMethod `json:"delivery_method"`
	PixelLevel                  everflow.PixelLevel     `json:"pixel_level"`
	PixelStatus                 everflow.PixelStatus    `json:"pixel_status"`
	PixelType                   everflow.PixelType      `json:"pixel_type"`
	PostbackURL                 string                  `json:"postback_url"`
	HTMLCode                    string                  `json:"html_code"`
	Description                 string                  `json:"description"`
	DelayMS                     int                     `json:"delay_ms"`
	TimeCreated                 time.Time               `json:"time_created"`
	TimeSaved                   time.Time               `json:"time_saved"`
	FacebookPixel               map[string]any          `json:"facebook_pixel"`
	TiktokPixel                 map[string]any          `json:"tiktok_pixel"`
	SnapchatPixel               map[string]any          `json:"snapchat_pixel"`
	RumblePixel                 map[string]any          `json:"rumble_pixel"`
}

// PostbackLog is a row of the affiliate postback report, in the shape of
// the example on Everflow's "Affiliate Postback" page.
type PostbackLog struct {
	NetworkID                   int64                   `json:"network_id"`
	NetworkOfferID              int64                   `json:"network_offer_id"`
	NetworkOfferPayoutRevenueID int64                   `json:"network_offer_payout_revenue_id"`
	AffiliateID                 int64                   `json:"affiliate_id"`
	PixelID                     int64                   `json:"pixel_id"`
	ConversionID                string                  `json:"conversion_id"`
	TransactionID               string                  `json:"transaction_id"`
	Timestamp                   time.Time               `json:"timestamp"`
	DeliveryMethod              everflow.DeliveryMethod `json:"delivery_method"`
	PixelLevel                  everflow.PixelLevel     `json:"pixel_level"`
	PixelStatus                 everflow.PixelStatus    `json:"pixel_status"`
	PixelType                   everflow.PixelType      `json:"pixel_type"`
	Payload                     string                  `json:"payload"`
	IsSuccess                   bool                    `json:"is_success"`
	DebugInformation            string                  `json:"debug_information"`
	LastAttempt                 time.Time               `json:"last_attempt"`
	FailedAttempts              int                     `json:"failed_attempts"`
	Relationship                struct {
		Offer     *OfferRef     `json:"offer"`
		Affiliate *AffiliateRef `json:"affiliate"`
	} `json:"relationship"`
}

// Advertiser is an advertiser as GET /networks/advertisers/{id} renders
// it, with the members of Everflow's "Get Advertiser by ID" example. The
// labels are rendered inside "relationship" (relationship.labels
// {total, entries}), where that example shows them; billing is kept
// beside the record and shown under relationship.billing when asked for.
type Advertiser struct {
	NetworkAdvertiserID            int64                  `json:"network_advertiser_id"`
	NetworkID                      int64                  `json:"network_id"`
	Name                           string                 `json:"name"`
	AccountStatus                  everflow.AccountStatus `json:"account_status"`
	NetworkEmployeeID              int64                  `json:"network_employee_id"`
	InternalNotes                  string                 `json:"internal_notes"`
	AddressID                      int64                  `json:"address_id"`
	IsContactAddressEnabled        bool                   `json:"is_contact_address_enabled"`
	SalesManagerID                 int64                  `json:"sales_manager_id"`
	IsExposePublisherReportingData *bool                  `json:"is_expose_publisher_reporting_data"`
	DefaultCurrencyID              string                 `json:"default_currency_id"`
	PlatformName                   string                 `json:"platform_name"`
	PlatformURL                    string                 `json:"platform_url"`
	PlatformUsername               string                 `json:"platform_username"`
	ReportingTimezoneID            int                    `json:"reporting_timezone_id"`
	AccountingContactEmail         string                 `json:"accounting_contact_email"`
	VerificationToken              string                 `json:"verification_token"`
	OfferIDMacro                   string                 `json:"offer_id_macro"`
	AffiliateIDMacro               string                 `json:"affiliate_id_macro"`
	TimeCreated                    time.Time              `json:"time_created"`
	TimeSaved                      time.Time              `json:"time_saved"`

	Labels         []string        `json:"-"`
	ContactAddress *ContactAddress `json:"-"`
	// Billing is stored as sent.
	Billing json.RawMessage `json:"-"`
}
