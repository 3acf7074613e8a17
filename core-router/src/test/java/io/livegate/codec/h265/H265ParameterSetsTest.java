package io.livegate.codec.h265;

import static io.livegate.codec.Hex.bytes;
import static org.assertj.core.api.Assertions.assertThat;

import io.livegate.media.CodecParameters.H265Parameters;
import java.util.List;
import org.junit.jupiter.api.Test;

class H265ParameterSetsTest {

    @Test
    void takesVpsSpsPpsFromAnAccessUnit() {
        List<byte[]> irap = List.of(H265Vectors.VPS_720P30, H265Vectors.SPS_720P30, H265Vectors.PPS_720P30,
                bytes("2601af"));
        H265Parameters p = H265ParameterSets.update(null, irap);
        assertThat(p).isEqualTo(new H265Parameters(List.of(H265Vectors.VPS_720P30), List.of(H265Vectors.SPS_720P30),
                List.of(H265Vectors.PPS_720P30)));
        assertThat(H265ParameterSets.complete(p)).isTrue();
        assertThat(H265ParameterSets.update(p, irap)).isSameAs(p);
        assertThat(H265ParameterSets.update(p, List.of(bytes("0201d0")))).isSameAs(p);
        H265Parameters q = H265ParameterSets.update(p, List.of(H265Vectors.SPS_1080P25));
        assertThat(q.sps()).containsExactly(H265Vectors.SPS_1080P25);
        assertThat(q.vps()).containsExactly(H265Vectors.VPS_720P30);
        assertThat(H265ParameterSets.complete(H265ParameterSets.update(null, List.of(H265Vectors.SPS_720P30))))
                .isFalse();
    }
}
