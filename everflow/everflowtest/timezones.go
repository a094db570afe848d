package everflowtest

import (
	"strconv"
	"strings"
	"sync"
	"time"
)

// timezoneTable is Everflow's time zone list: id, IANA name and the offset
// it displays.
const timezoneTable = `1 Pacific/Kiritimati +14:00
2 Pacific/Enderbury +13:00
3 Pacific/Tongatapu +13:00
4 Pacific/Chatham +12:45
5 Pacific/Auckland +12:00
6 Pacific/Fiji +12:00
7 Asia/Kamchatka +12:00
8 Pacific/Norfolk +11:30
9 Australia/Lord_Howe +11:00
10 Pacific/Guadalcanal +11:00
11 Australia/Adelaide +10:30
12 Australia/Sydney +10:00
13 Australia/Brisbane +10:00
14 Australia/Darwin +09:30
15 Asia/Seoul +09:00
16 Asia/Tokyo +09:00
17 Asia/Hong_Kong +08:00
18 Asia/Kuala_Lumpur +08:00
19 Asia/Manila +08:00
20 Asia/Shanghai +08:00
21 Asia/Singapore +08:00
22 Asia/Taipei +08:00
23 Australia/Perth +08:00
24 Asia/Bangkok +07:00
25 Asia/Ho_Chi_Minh +07:00
26 Asia/Jakarta +07:00
27 Asia/Rangoon +06:30
28 Asia/Dhaka +06:00
29 Asia/Kathmandu +05:45
30 Asia/Colombo +05:30
31 Asia/Kolkata +05:30
32 Asia/Karachi +05:00
33 Asia/Tashkent +05:00
34 Asia/Yekaterinburg +05:00
35 Asia/Kabul +04:30
36 Asia/Baku +04:00
37 Asia/Dubai +04:00
38 Asia/Tbilisi +04:00
39 Asia/Yerevan +04:00
40 Asia/Tehran +03:30
41 Africa/Nairobi +03:00
42 Asia/Baghdad +03:00
43 Asia/Kuwait +03:00
44 Asia/Riyadh +03:00
45 Europe/Minsk +03:00
46 Europe/Moscow +03:00
47 Africa/Cairo +03:00
48 Asia/Beirut +03:00
49 Asia/Jerusalem +03:00
50 Europe/Athens +03:00
51 Europe/Bucharest +03:00
52 Europe/Helsinki +03:00
53 Europe/Istanbul +03:00
54 Africa/Johannesburg +02:00
55 Europe/Amsterdam +02:00
56 Europe/Berlin +02:00
57 Europe/Brussels +02:00
58 Europe/Paris +02:00
59 Europe/Prague +02:00
60 Europe/Rome +02:00
61 Europe/Lisbon +01:00
62 Africa/Algiers +01:00
63 Europe/London +01:00
64 Atlantic/Cape_Verde -01:00
65 Africa/Casablanca +00:00
66 Europe/Dublin +00:00
67 UTC +00:00
68 America/Scoresbysund -00:00
69 Atlantic/Azores -00:00
70 Atlantic/South_Georgia -02:00
71 America/St_Johns -02:30
72 America/Sao_Paulo -03:00
73 America/Argentina/Buenos_Aires -03:00
74 America/Santiago -03:00
75 America/Halifax -03:00
76 America/Puerto_Rico -04:00
77 Atlantic/Bermuda -04:00
78 America/Caracas -04:30
79 America/Indiana/Indianapolis -04:00
80 America/New_York -04:00
81 America/Bogota -05:00
82 America/Lima -05:00
83 America/Panama -05:00
84 America/Mexico_City -05:00
85 America/Chicago -05:00
86 America/El_Salvador -06:00
87 America/Denver -06:00
88 America/Mazatlan -06:00
89 America/Phoenix -07:00
90 America/Los_Angeles -07:00
91 America/Tijuana -07:00
92 Pacific/Pitcairn -08:00
93 America/Anchorage -08:00
94 Pacific/Gambier -09:00
95 America/Adak -09:00
96 Pacific/Marquesas -09:30
97 Pacific/Honolulu -10:00
98 Pacific/Niue -11:00
99 Pacific/Pago_Pago -11:00`

var (
	tzOnce  sync.Once
	tzList  []Timezone
	tzByID  map[int]Timezone
	tzLocMu sync.Mutex
	tzLocs  = map[int]*time.Location{}
)

func timezones() ([]Timezone, map[int]Timezone) {
	tzOnce.Do(func() {
		tzByID = map[int]Timezone{}
		for _, line := range strings.Split(timezoneTable, "\n") {
			f := strings.Fields(line)
			id, _ := strconv.Atoi(f[0])
			tz := Timezone{TimezoneID: id, TimezoneName: f[1], Timezone: f[1], UTCOffset: f[2]}
			tzList = append(tzList, tz)
			tzByID[id] = tz
		}
	})
	return tzList, tzByID
}

// location resolves a timezone id: the IANA zone when the system knows it,
// else the fixed offset Everflow displays.
func location(id int) (*time.Location, bool) {
	_, byID := timezones()
	tz, ok := byID[id]
	if !ok {
		return nil, false
	}
	tzLocMu.Lock()
	defer tzLocMu.Unlock()
	if loc, ok := tzLocs[id]; ok {
		return loc, true
	}
	loc, err := time.LoadLocation(tz.Timezone)
	if err != nil {
		off := tz.UTCOffset
		sign := 1
		if off[0] == '-' {
			sign = -1
		}
		h, _ := strconv.Atoi(off[1:3])
		m, _ := strconv.Atoi(off[4:6])
		loc = time.FixedZone(tz.Timezone, sign*(h*3600+m*60))
	}
	tzLocs[id] = loc
	return loc, true
}
