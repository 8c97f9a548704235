package config

import (
	"fmt"
	"math"
	"strconv"
	"strings"

	"github.com/slatecasting/slate/domain/production"
)

// DefaultMinimumRates are the minimum pay of a Paid listing, in cents,
// where no SLATE_MIN_RATE_* says otherwise: near the legal minimum wage
// of the euro area's larger members, the UK and the US, per hour, per
// day (8 hours), per week (5 days) and per day worked for a flat fee.
func DefaultMinimumRates() production.Rates {
	return production.Rates{
		"EUR": {"hour": 1200, "day": 9000, "week": 45000, "flat": 9000},
		"GBP": {"hour": 1221, "day": 9500, "week": 47500, "flat": 9500},
		"USD": {"hour": 1500, "day": 12000, "week": 60000, "flat": 12000},
	}
}

// minimumRates reads SLATE_MIN_RATE_<CURRENCY>_<UNIT> (EUR_DAY=95.50)
// over the defaults, for any currency the forms offer; 0 removes a rate.
func minimumRates(getenv func(string) string, errs *[]error) production.Rates {
	rates := DefaultMinimumRates()
	for _, cur := range production.Currencies {
		for _, unit := range production.PayUnits {
			key := "SLATE_MIN_RATE_" + cur.Value + "_" + strings.ToUpper(unit.Value)
			v := strings.TrimSpace(getenv(key))
			if v == "" {
				continue
			}
			x, err := strconv.ParseFloat(v, 64)
			if err != nil || x < 0 || math.IsInf(x, 0) || math.IsNaN(x) {
				*errs = append(*errs, fmt.Errorf("%s %q is not an amount like 12.50", key, v))
				continue
			}
			if rates[cur.Value] == nil {
				rates[cur.Value] = map[string]int64{}
			}
			if x == 0 {
				delete(rates[cur.Value], unit.Value)
				continue
			}
			rates[cur.Value][unit.Value] = int64(math.Round(x * 100))
		}
	}
	return rates
}
