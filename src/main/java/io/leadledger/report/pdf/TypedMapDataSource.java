package io.leadledger.report.pdf;

import java.math.BigDecimal;
import java.util.Collection;
import java.util.Map;

import net.sf.jasperreports.engine.JRField;
import net.sf.jasperreports.engine.data.JRMapCollectionDataSource;

/**
 * A {@link JRMapCollectionDataSource} that hands each value to the template in the class the template
 * declared for the field (Long, BigDecimal, String, ...), so that an Integer where the template expects a
 * Long, or a Double where it expects a BigDecimal, does not fail the whole report with a ClassCastException.
 */
public class TypedMapDataSource extends JRMapCollectionDataSource {

    public TypedMapDataSource(Collection<Map<String, ?>> rows) {
        super(rows);
    }

    @Override
    public Object getFieldValue(JRField field) {
        return coerce(super.getFieldValue(field), field.getValueClass(), field.getName());
    }

    static Object coerce(Object value, Class<?> target, String name) {
        if (value == null || target == null || target.isInstance(value)) {
            return value;
        }
        if (target == String.class) {
            return value.toString();
        }
        if (value instanceof Number n) {
            BigDecimal d = n instanceof BigDecimal b ? b : new BigDecimal(n.toString());
            if (target == BigDecimal.class) {
                return d;
            }
            if (target == Long.class) {
                return d.longValue();
            }
            if (target == Integer.class) {
                return d.intValue();
            }
            if (target == Double.class) {
                return d.doubleValue();
            }
            if (target == Number.class) {
                return n;
            }
        }
        throw new IllegalArgumentException("field " + name + " holds a " + value.getClass().getName()
                + " but the template declares " + target.getName());
    }
}
