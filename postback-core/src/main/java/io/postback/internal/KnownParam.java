package io.postback.internal;

/** The parameters the rules read (rules §1); any other parameter is only journaled. */
enum KnownParam {
    TOKEN("token"), CLICK("click"), EXTO("exto"), FLOW("flow"), CODE("code"), STATUS("status"),
    STA("sta"), STC("stc"), STT("stt"), STH("sth"), STW("stw"), STN("stn"),
    AUTO("auto"), GOAL("goal"), PAY("pay"), WM("wm"), CC("cc"), TIME("time"), COMMENT("comment"), SIG("sig");

    static final KnownParam[] VALUES = values();

    final String wireName;

    KnownParam(String wireName) {
        this.wireName = wireName;
    }

    static KnownParam byName(String name) {
        return switch (name) {
            case "token" -> TOKEN;
            case "click" -> CLICK;
            case "exto" -> EXTO;
            case "flow" -> FLOW;
            case "code" -> CODE;
            case "status" -> STATUS;
            case "sta" -> STA;
            case "stc" -> STC;
            case "stt" -> STT;
            case "sth" -> STH;
            case "stw" -> STW;
            case "stn" -> STN;
            case "auto" -> AUTO;
            case "goal" -> GOAL;
            case "pay" -> PAY;
            case "wm" -> WM;
            case "cc" -> CC;
            case "time" -> TIME;
            case "comment" -> COMMENT;
            case "sig" -> SIG;
            default -> null;
        };
    }
}
