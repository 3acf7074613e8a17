package io.livegate.srt.mpegts;

import java.util.ArrayList;
import java.util.List;

/** Records what a demuxer reports. */
final class CollectingListener implements TsListener {
    final List<ProgramMap> programs = new ArrayList<>();
    final List<MediaUnit> units = new ArrayList<>();
    final List<ElementaryStream> unsupported = new ArrayList<>();

    @Override
    public void onProgram(ProgramMap program) {
        programs.add(program);
    }

    @Override
    public void onUnit(MediaUnit unit) {
        units.add(unit);
    }

    @Override
    public void onUnsupported(ElementaryStream stream) {
        unsupported.add(stream);
    }

    List<MediaUnit.Video> video() {
        return units.stream().filter(u -> u instanceof MediaUnit.Video).map(u -> (MediaUnit.Video) u).toList();
    }

    List<MediaUnit.Audio> audio() {
        return units.stream().filter(u -> u instanceof MediaUnit.Audio).map(u -> (MediaUnit.Audio) u).toList();
    }
}
