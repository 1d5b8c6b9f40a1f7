package io.postback.internal;

import io.postback.model.ErrorCode;
import java.math.BigDecimal;

/**
 * The amount format of rules §6: digits with at most one {@code .} or {@code ,} decimal separator
 * (with digits on both sides), no sign, no exponent, no thousands separator, at most 8 decimal
 * places, at most 10^12.
 */
final class Amounts {

    static final int MAX_DECIMALS = 8;
    private static final BigDecimal MAX = BigDecimal.TEN.pow(12);

    private Amounts() {
    }

    static BigDecimal parse(String param, String text) throws Rejection {
        int separator = -1;
        int length = text.length();
        for (int i = 0; i < length; i++) {
            char c = text.charAt(i);
            if (c == '.' || c == ',') {
                if (separator >= 0) {
                    throw invalid(param, text, "more than one decimal separator");
                }
                separator = i;
            } else if (c < '0' || c > '9') {
                throw invalid(param, text, "only digits and one decimal separator are allowed");
            }
        }
        if (separator == 0 || separator == length - 1) {
            throw invalid(param, text, "digits are needed on both sides of the decimal separator");
        }
        if (separator > 0 && length - separator - 1 > MAX_DECIMALS) {
            throw invalid(param, text, "at most " + MAX_DECIMALS + " decimal places");
        }
        int integerDigits = separator < 0 ? length : separator;
        if (integerDigits > 40) {
            throw invalid(param, text, "at most 10^12");
        }
        BigDecimal value = separator < 0
                ? new BigDecimal(text)
                : new BigDecimal(text.substring(0, separator) + '.' + text.substring(separator + 1));
        if (value.compareTo(MAX) > 0) {
            throw invalid(param, text, "at most 10^12");
        }
        return value;
    }

    private static Rejection invalid(String param, String text, String why) {
        return new Rejection(ErrorCode.AMOUNT,
                "parameter '" + param + "' is not a valid amount ('" + Messages.safeName(text) + "'): " + why);
    }
}
