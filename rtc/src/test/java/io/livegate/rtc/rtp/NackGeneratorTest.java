package io.livegate.rtc.rtp;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NackGeneratorTest {

    @Test
    void gapsAreAskedForUntilTheyArriveOrRetriesRunOut() {
        NackGenerator g = new NackGenerator(100, 2, 100);
        g.received(65534);
        g.received(65535);
        g.received(2); // 0 and 1 lost across the wrap
        assertThat(g.due(1000)).containsExactly(0, 1);
        assertThat(g.due(1050)).isEmpty(); // not before the retry interval
        g.received(0);
        assertThat(g.due(1100)).containsExactly(1);
        assertThat(g.due(1200)).isEmpty(); // two retries used up
        assertThat(g.missingCount()).isZero();
    }

    @Test
    void reorderedPacketsAreNotNackedAfterArrival() {
        NackGenerator g = new NackGenerator();
        g.received(10);
        g.received(12);
        g.received(11);
        assertThat(g.due(0)).isEmpty();
    }

    @Test
    void hugeGapsAreBounded() {
        NackGenerator g = new NackGenerator(50, 10, 100);
        g.received(0);
        g.received(30000);
        assertThat(g.missingCount()).isLessThanOrEqualTo(50);
        assertThat(g.due(0)).allMatch(s -> s > 29900 && s < 30000);
    }
}
