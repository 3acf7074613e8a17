package io.livegate.codec.h264;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.media.CodecParameters.H264Parameters;
import java.util.List;
import org.junit.jupiter.api.Test;

class H264ParameterSetsTest {

    @Test
    void takesSpsAndPpsFromAnAccessUnit() {
        List<byte[]> idr = List.of(bytes("0910"), H264Vectors.HIGH_720P30_SPS, H264Vectors.HIGH_720P30_PPS,
                bytes("658884"));
        H264Parameters p = H264ParameterSets.update(null, idr);
        assertThat(p.sps()).containsExactly(H264Vectors.HIGH_720P30_SPS);
        assertThat(p.pps()).containsExactly(H264Vectors.HIGH_720P30_PPS);
        assertThat(H264ParameterSets.complete(p)).isTrue();
        // the same sets again, or none at all: the very same object comes back
        assertThat(H264ParameterSets.update(p, idr)).isSameAs(p);
        assertThat(H264ParameterSets.update(p, List.of(bytes("419a")))).isSameAs(p);
        // a new SPS replaces the old one and keeps the PPS
        H264Parameters q = H264ParameterSets.update(p, List.of(H264Vectors.MAIN_720P30_SPS, bytes("65")));
        assertThat(q.sps()).containsExactly(H264Vectors.MAIN_720P30_SPS);
        assertThat(q.pps()).containsExactly(H264Vectors.HIGH_720P30_PPS);
        assertThat(H264ParameterSets.complete(H264ParameterSets.update(null, List.of(H264Vectors.MAIN_720P30_SPS))))
                .isFalse();
        assertThat(H264ParameterSets.update(null, List.of(bytes("41")))).isNull();
    }
}
