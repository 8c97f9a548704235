package config

import (
	"strings"
	"testing"
)

func TestMinimumRatesAndNoticeLimit(t *testing.T) {
	c, err := Load(env(nil))
	if err != nil {
		t.Fatal(err)
	}
	if c.MinimumRates["EUR"]["day"] != 9000 || c.MinimumRates["GBP"]["hour"] != 1221 || c.MinimumRates["USD"]["flat"] != 12000 || c.NoticesPerMonth != 2 {
		t.Errorf("defaults = %v, %d", c.MinimumRates, c.NoticesPerMonth)
	}
	c, err = Load(env(map[string]string{"SLATE_MIN_RATE_EUR_DAY": "95.50", "SLATE_MIN_RATE_CHF_HOUR": "25", "SLATE_MIN_RATE_USD_WEEK": "0", "SLATE_NOTICES_PER_MONTH": "5"}))
	if err != nil || c.MinimumRates["EUR"]["day"] != 9550 || c.MinimumRates["CHF"]["hour"] != 2500 || c.NoticesPerMonth != 5 {
		t.Fatalf("overrides = %v, %d, %v", c.MinimumRates, c.NoticesPerMonth, err)
	}
	if _, ok := c.MinimumRates["USD"]["week"]; ok {
		t.Error("a rate of 0 was kept")
	}
	// The defaults are a fresh map each time: an override never leaks.
	if DefaultMinimumRates()["EUR"]["day"] != 9000 {
		t.Error("the defaults changed")
	}
	_, err = Load(env(map[string]string{"SLATE_MIN_RATE_GBP_DAY": "lots", "SLATE_NOTICES_PER_MONTH": "-1"}))
	if err == nil || !strings.Contains(err.Error(), "SLATE_MIN_RATE_GBP_DAY") || !strings.Contains(err.Error(), "SLATE_NOTICES_PER_MONTH") {
		t.Errorf("bad rates: %v", err)
	}
}
