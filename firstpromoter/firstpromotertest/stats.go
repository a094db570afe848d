package firstpromotertest

// pcStats are the figures derived for one promoter campaign from the
// stored referrals and commissions.
type pcStats struct {
	referrals, customers, active, sales int
	revenue                             int64
}

// index holds the relations and derived figures a response needs. It is
// rebuilt for each request from the stored rows, so every write shows in
// the counts at once.
type index struct {
	pcs           map[int64]*pcStats
	pcsByPromoter map[int64][]*PromoterCampaign
	pcsByCampaign map[int64][]*PromoterCampaign
	// balance is each promoter's approved, unpaid cash commissions.
	balance map[int64]int64
}

// index builds the index; the caller holds s.mu.
func (s *Server) index() *index {
	ix := &index{
		pcs:           map[int64]*pcStats{},
		pcsByPromoter: map[int64][]*PromoterCampaign{},
		pcsByCampaign: map[int64][]*PromoterCampaign{},
		balance:       map[int64]int64{},
	}
	for _, pc := range s.promoterCampaigns.All() {
		ix.pcs[pc.ID] = &pcStats{}
		ix.pcsByPromoter[pc.PromoterID] = append(ix.pcsByPromoter[pc.PromoterID], pc)
		ix.pcsByCampaign[pc.CampaignID] = append(ix.pcsByCampaign[pc.CampaignID], pc)
	}
	for _, r := range s.referrals.All() {
		a := ix.pcs[r.promoterCampaignID()]
		if a == nil {
			continue
		}
		a.referrals++
		if !r.CustomerSince.IsZero() {
			a.customers++
		}
		if r.State == "active" {
			a.active++
		}
	}
	for _, c := range s.commissions.All() {
		pcID := c.promoterCampaignID()
		if a := ix.pcs[pcID]; a != nil && c.CommissionType == "sale" && c.Tier <= 1 {
			if c.sale() > 0 {
				a.sales++
			}
			a.revenue += c.sale()
		}
		if c.Status == "approved" && !c.IsPaid && c.Unit == "cash" {
			if pc, ok := s.promoterCampaigns.Get(pcID); ok {
				ix.balance[pc.PromoterID] += c.units()
			}
		}
	}
	return ix
}

// stats returns the derived figures of a promoter campaign.
func (ix *index) stats(pcID int64) pcStats {
	if a := ix.pcs[pcID]; a != nil {
		return *a
	}
	return pcStats{}
}
