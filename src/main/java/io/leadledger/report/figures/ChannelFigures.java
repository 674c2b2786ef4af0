package io.leadledger.report.figures;

import io.leadledger.report.ReportContext;

import java.math.BigDecimal;

/** Sums of mart_channel_month over some months for one channel (or campaign, or everything). */
public final class ChannelFigures {
    public long leads;
    public long handed;
    public long accepted;
    public long rejected;
    public long neverTouched;
    public long pending;
    public BigDecimal spend = BigDecimal.ZERO;
    public long dealsCreated;
    public BigDecimal pipeline = BigDecimal.ZERO;
    public long dealsWon;
    public BigDecimal customers = BigDecimal.ZERO;
    public BigDecimal revenue = BigDecimal.ZERO;

    public void add(java.sql.ResultSet rs) throws java.sql.SQLException {
        leads += rs.getLong("leads_created");
        handed += rs.getLong("leads_handed");
        accepted += rs.getLong("accepted");
        rejected += rs.getLong("rejected");
        neverTouched += rs.getLong("never_touched");
        pending += rs.getLong("pending");
        spend = spend.add(rs.getBigDecimal("spend_rpt"));
        dealsCreated += rs.getLong("deals_created");
        pipeline = pipeline.add(rs.getBigDecimal("pipeline_rpt"));
        dealsWon += rs.getLong("deals_won");
        customers = customers.add(rs.getBigDecimal("customers_won"));
        revenue = revenue.add(rs.getBigDecimal("revenue_won_rpt"));
    }

    public void add(ChannelFigures o) {
        leads += o.leads;
        handed += o.handed;
        accepted += o.accepted;
        rejected += o.rejected;
        neverTouched += o.neverTouched;
        pending += o.pending;
        spend = spend.add(o.spend);
        dealsCreated += o.dealsCreated;
        pipeline = pipeline.add(o.pipeline);
        dealsWon += o.dealsWon;
        customers = customers.add(o.customers);
        revenue = revenue.add(o.revenue);
    }

    /**
     * Without a first-activity date "never touched" is not measured: a handed lead with no verdict is pending,
     * whatever its age. Applied to every figure read for a tenant that supplied none.
     */
    public static <K> java.util.Map<K, ChannelFigures> measured(java.util.Map<K, ChannelFigures> m, ReportContext ctx) {
        if (!ctx.touchMeasured()) {
            m.values().forEach(f -> {
                f.pending += f.neverTouched;
                f.neverTouched = 0;
            });
        }
        return m;
    }

    public static ChannelFigures measured(ChannelFigures f, ReportContext ctx) {
        measured(java.util.Map.of("", f), ctx);
        return f;
    }

    public BigDecimal cpl() {
        return Ratios.money(spend, BigDecimal.valueOf(leads));
    }

    /** accepted / (accepted + rejected + never touched): pending leads have no verdict yet. */
    public BigDecimal acceptanceRate() {
        return Ratios.percent(accepted, accepted + rejected + neverTouched);
    }

    /** Any figure of the ROI table: leads, customers, spend, revenue or pipeline. */
    public boolean anyReturn() {
        return leads > 0 || customers.signum() != 0 || dealsWon > 0 || spend.signum() != 0 || revenue.signum() != 0
                || pipeline.signum() != 0 || dealsCreated > 0;
    }

    public boolean hasLeadActivity() {
        return leads > 0 || handed > 0 || spend.signum() != 0;
    }
}
