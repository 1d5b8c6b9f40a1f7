package io.postback;

import static org.assertj.core.api.Assertions.assertThat;

import io.postback.model.Action;
import io.postback.model.Lead;
import io.postback.model.Outcome;
import io.postback.testing.EngineFixture;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;

/**
 * Rules §3: N repeats of a CREATE with exto, in whatever shape and order and mixed with any other
 * postbacks, yield one lead for the key.
 */
class ExtoDedupeProperties {

    /** The key under test: (click, exto) or (flow, exto), the flow named by id or by code. */
    record Key(boolean byClick, String exto) {
        boolean matches(Lead lead) {
            return lead.offerId() == 1 && lead.exto().equals(Optional.of(exto))
                    && (byClick ? lead.click().equals(Optional.of("c")) : lead.click().isEmpty() && lead.flowId().orElse(0) == 1234);
        }
    }

    /** One postback: action and parameters in order, sent in one of the request shapes. */
    record Postback(Action action, List<String[]> params, int shape, boolean isRepeat) {
        PostbackRequest request() {
            StringBuilder query = new StringBuilder();
            Map<String, String[]> map = new LinkedHashMap<>();
            StringBuilder json = new StringBuilder("{");
            for (String[] p : params) {
                query.append(query.length() == 0 ? "" : "&").append(p[0]).append('=')
                        .append(java.net.URLEncoder.encode(p[1], StandardCharsets.UTF_8));
                map.put(p[0], new String[] {p[1]});
                json.append(json.length() == 1 ? "" : ",").append('"').append(p[0]).append("\":\"").append(p[1]).append('"');
            }
            json.append('}');
            return switch (shape) {
                case 0 -> PostbackRequest.fromQuery(action, query.toString());
                case 1 -> PostbackRequest.fromForm(action, query.toString().getBytes(StandardCharsets.UTF_8));
                case 2 -> PostbackRequest.fromJson(action, json.toString());
                default -> PostbackRequest.fromParameterMap(action, map);
            };
        }

        @Override
        public String toString() {
            StringBuilder s = new StringBuilder(isRepeat ? "REPEAT " : "").append(action).append(' ');
            params.forEach(p -> s.append(p[0]).append('=').append(p[1]).append('&'));
            return s.append(" shape ").append(shape).toString();
        }
    }

    @Property(tries = 300)
    void repeatsOfACreateWithExtoMakeOneLead(@ForAll("scenarios") Scenario scenario) {
        EngineFixture fx = EngineFixture.with(b -> b.duplicatePolicy(scenario.policy()));
        List<PostbackResult> repeats = new ArrayList<>();
        int createdForKey = 0;

        for (Postback postback : scenario.postbacks()) {
            PostbackResult result = fx.handle(postback.request());
            boolean aboutTheKey = result.lead().map(scenario.key()::matches).orElse(false);
            if (aboutTheKey && result.outcome() == Outcome.CREATED) {
                createdForKey++;
            }
            if (postback.isRepeat()) {
                repeats.add(result);
            }
        }

        List<Lead> keyed = fx.leads().stream().filter(scenario.key()::matches).toList();
        assertThat(keyed).as("leads with the key").hasSize(1);
        assertThat(createdForKey).isEqualTo(1);
        assertThat(repeats).allSatisfy(r -> {
            assertThat(r.outcome()).isIn(Outcome.CREATED, Outcome.DUPLICATE);
            assertThat(r.lead().orElseThrow().id()).isEqualTo(keyed.get(0).id());
        });
    }

    record Scenario(Key key, DuplicatePolicy policy, List<Postback> postbacks) {
    }

    @Provide
    Arbitrary<Scenario> scenarios() {
        Arbitrary<Key> keys = Combinators.combine(Arbitraries.of(true, false), Arbitraries.of("e", "ORD-1", "x y/z"))
                .as(Key::new);
        Arbitrary<DuplicatePolicy> policies = Arbitraries.of(DuplicatePolicy.everyCreate(), DuplicatePolicy.onePerClick(),
                DuplicatePolicy.window(java.time.Duration.ofHours(1)));
        return Combinators.combine(keys, policies, Arbitraries.integers().between(1, 8)).flatAs((key, policy, n) -> {
            Arbitrary<List<Postback>> repeats = repeat(key).list().ofSize(n);
            Arbitrary<List<Postback>> others = other(key).list().ofMaxSize(12);
            return Combinators.combine(repeats, others).as((r, o) -> {
                List<Postback> all = new ArrayList<>(r);
                all.addAll(o);
                return all;
            }).flatMap(Arbitraries::shuffle).map(all -> new Scenario(key, policy, all));
        });
    }

    /** The CREATE with the key, in any shape and parameter order, with anything else a duplicate ignores. */
    private Arbitrary<Postback> repeat(Key key) {
        Arbitrary<String[]> identification = key.byClick()
                ? Arbitraries.just(new String[] {"click", "c"})
                : Arbitraries.of(new String[] {"flow", "1234"}, new String[] {"code", "5FAC-D4E8"});
        Arbitrary<List<String[]>> extras = Arbitraries.of(
                new String[] {"goal", "ftd"}, new String[] {"goal", "REG"}, new String[] {"status", "approved"},
                new String[] {"status", "Pending"}, new String[] {"pay", "12,5"}, new String[] {"comment", "again"},
                new String[] {"sub1", "x"}, new String[] {"time", "1700000000"}).list().uniqueElements(p -> p[0]).ofMaxSize(3);
        return Combinators.combine(identification, extras, Arbitraries.integers().between(0, 3))
                .as((id, more, shape) -> {
                    List<String[]> params = new ArrayList<>();
                    params.add(new String[] {"token", "12-abc"});
                    params.add(id);
                    params.add(new String[] {"exto", key.exto()});
                    params.addAll(more);
                    return Arbitraries.shuffle(params).map(p -> new Postback(Action.CREATE, p, shape, true));
                }).flatMap(a -> a);
    }

    /** Other postbacks around the same click, flow and exto, in both offers. */
    private Arbitrary<Postback> other(Key key) {
        String exto = key.exto();
        return Arbitraries.of(
                List.of("CREATE", "token=12-abc", "click=c"),
                List.of("CREATE", "token=12-abc", "click=c", "exto=other"),
                List.of("CREATE", "token=12-abc", "click=c2", "exto=" + exto),
                List.of("CREATE", "token=12-abc", "flow=1235", "exto=" + exto),
                List.of("CREATE", "token=12-abc", "flow=1234"),
                List.of("CREATE", "token=13-xyz", "click=c", "exto=" + exto),
                List.of("CREATE", "token=13-xyz", "flow=2001", "exto=" + exto),
                List.of("CREATE", "token=12-abc", "click=c", "flow=1234", "exto=" + exto),
                List.of("STATUS", "token=12-abc", "click=c", "exto=" + exto, "status=approved"),
                List.of("STATUS", "token=12-abc", "click=c", "exto=" + exto, "status=cancelled"),
                List.of("STATUS", "token=12-abc", "click=c", "exto=" + exto, "status=new"),
                List.of("STATUS", "token=12-abc", "click=c", "exto=" + exto, "status=hold", "auto=1"),
                List.of("STATUS", "token=12-abc", "flow=1234", "exto=" + exto, "status=approved", "auto=1"),
                List.of("STATUS", "token=12-abc", "code=5FAC-D4E8", "exto=" + exto, "status=lead_new", "stn=lead_new"),
                List.of("STATUS", "token=12-abc", "click=c", "status=approved"),
                List.of("STATUS", "token=12-abc", "click=c", "status=new"),
                List.of("STATUS", "token=13-xyz", "click=c", "exto=" + exto, "status=approved", "auto=1"))
                .map(line -> {
                    List<String[]> params = new ArrayList<>();
                    line.subList(1, line.size()).forEach(p -> params.add(p.split("=", 2)));
                    return new Postback(Action.valueOf(line.get(0)), params, 0, false);
                });
    }
}
