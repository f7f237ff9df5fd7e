/** A course's cover: modern formats first, the JPEG every browser shows, sized for the layout.
 * Decorative (the course's title is beside it), so it has an empty text alternative; a course
 * without a cover gets a plain band of the same proportions, so cards line up. */
import type { components } from '@/api/schema';

import './CoverPicture.css';

export type Cover = components['schemas']['Cover'];

interface CoverPictureProps {
  cover: Cover | null | undefined;
  /** The `sizes` attribute: how wide the picture is shown, e.g. '(min-width: 60rem) 20rem, 100vw'. */
  sizes: string;
  /** The first screenful's picture loads at once; the others when scrolled near. */
  isEager?: boolean;
  /**
   * The page's own picture, likely its largest paint (a course page's cover): fetched ahead of
   * the other images and scripts the page asks for at the same time.
   */
  isMainPicture?: boolean;
  className?: string;
}

export function CoverPicture({
  cover,
  sizes,
  isEager = false,
  isMainPicture = false,
  className = '',
}: CoverPictureProps) {
  if (!cover) return <div className={`cover cover--none ${className}`} aria-hidden="true" />;
  return (
    <picture className={`cover ${className}`}>
      {cover.sources.map((source) => (
        <source key={source.type} type={source.type} srcSet={source.srcset} sizes={sizes} />
      ))}
      <img
        className="cover__image"
        src={cover.src}
        srcSet={cover.srcset}
        sizes={sizes}
        width={cover.width}
        height={cover.height}
        alt=""
        loading={isEager || isMainPicture ? 'eager' : 'lazy'}
        fetchPriority={isMainPicture ? 'high' : 'auto'}
        decoding="async"
      />
    </picture>
  );
}
