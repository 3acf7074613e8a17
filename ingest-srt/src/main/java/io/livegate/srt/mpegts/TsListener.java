package io.livegate.srt.mpegts;

/** What {@link TsDemuxer} reports, on the thread that calls {@link TsDemuxer#feed}. */
public interface TsListener {

    /** The program map was read for the first time or changed (a new version with different streams). */
    void onProgram(ProgramMap program);

    /** One access unit of a supported elementary stream. */
    void onUnit(MediaUnit unit);

    /** An elementary stream the program lists but this demuxer does not read; once per stream per program. */
    default void onUnsupported(ElementaryStream stream) {
    }
}
