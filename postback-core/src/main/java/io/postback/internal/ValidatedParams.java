package io.postback.internal;

import static io.postback.internal.ParamValidator.MAX_ID;
import static io.postback.internal.ParamValidator.MAX_LIST;
import static io.postback.internal.ParamValidator.MAX_TOKEN;
import static io.postback.internal.ParamValidator.MAX_WORD;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.Currency;

/**
 * The known parameters of one postback, validated and typed (rules §1), built once and never
 * changed. Internal: absent values are {@code null} here (this is the hot path); the public API
 * never exposes them.
 */
public final class ValidatedParams {
    final String token;
    final String click;
    final String exto;
    final long flowId;
    final String code;
    final String status;
    /** {@code sta}, {@code stc}, {@code stt}, {@code sth}, {@code stw}, {@code stn}; read only. */
    final String[] overrideLists = new String[StatusResolver.LIST_COUNT];
    final boolean auto;
    final String goal;
    final BigDecimal pay;
    final BigDecimal wm;
    final Currency currency;
    final Instant time;
    final String comment;
    final String signature;

    /**
     * Types each known parameter in the order of {@link KnownParam}, so that a postback with several
     * faults is always answered with the first.
     *
     * @param values each known parameter's value by {@link KnownParam#ordinal()}, null when absent
     */
    ValidatedParams(String[] values) throws Rejection {
        token = text(values, KnownParam.TOKEN, MAX_TOKEN);
        click = text(values, KnownParam.CLICK, MAX_ID);
        exto = text(values, KnownParam.EXTO, MAX_ID);
        String flow = present(values, KnownParam.FLOW);
        flowId = flow == null ? 0 : ParamValidator.positiveLong(KnownParam.FLOW, flow);
        String flowCode = present(values, KnownParam.CODE);
        code = flowCode == null ? null : ParamValidator.flowCode(flowCode);
        status = text(values, KnownParam.STATUS, MAX_WORD);
        for (int i = 0; i < overrideLists.length; i++) {
            overrideLists[i] = text(values, KnownParam.VALUES[KnownParam.STA.ordinal() + i], MAX_LIST);
        }
        String autoValue = present(values, KnownParam.AUTO);
        auto = autoValue != null && ParamValidator.auto(autoValue);
        goal = text(values, KnownParam.GOAL, MAX_WORD);
        pay = amount(values, KnownParam.PAY);
        wm = amount(values, KnownParam.WM);
        String cc = present(values, KnownParam.CC);
        currency = cc == null ? null : ParamValidator.currency(cc);
        String unixSeconds = present(values, KnownParam.TIME);
        time = unixSeconds == null ? null : Instant.ofEpochSecond(ParamValidator.time(unixSeconds));
        String text = present(values, KnownParam.COMMENT);
        comment = text == null ? null : ParamValidator.comment(text);
        signature = text(values, KnownParam.SIG, MAX_TOKEN);
    }

    /** A value that is there and not empty (an empty value is absent), once its macros are checked. */
    private static String present(String[] values, KnownParam param) throws Rejection {
        String value = values[param.ordinal()];
        if (value == null || value.isEmpty()) {
            return null;
        }
        ParamValidator.rejectMacro(param, value);
        return value;
    }

    private static String text(String[] values, KnownParam param, int maxLength) throws Rejection {
        String value = present(values, param);
        return value == null ? null : ParamValidator.printable(param, value, maxLength);
    }

    private static BigDecimal amount(String[] values, KnownParam param) throws Rejection {
        String value = present(values, param);
        return value == null ? null : Amounts.parse(param.wireName, value);
    }

    public String token() {
        return token;
    }

    public String signature() {
        return signature;
    }

    public Instant time() {
        return time;
    }

    boolean hasFlow() {
        return flowId > 0 || code != null;
    }

    boolean changesMoney() {
        return pay != null || wm != null;
    }
}
